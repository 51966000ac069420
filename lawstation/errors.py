"""The domain error every service raises; views turn it into a form error."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule was broken. The message is translated and safe to show to the user."""
