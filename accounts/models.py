"""Staff accounts and their membership of one federation."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import ADMIN_ROLES, Role
from regions.models import Federation
from regions.scoping import RegionScoped


class User(AbstractUser):
    """A staff account. Persons with disabilities never get one: the portal needs no login."""

    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class Membership(RegionScoped):
    """Ties a user to one federation with one role. One membership per user."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    federation = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("federation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[choice.value for choice in Role]),
                name="membership_role_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.federation} · {self.get_role_display()}"

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES
