"""The outbox: every SMS and e-mail the system sends is stored first, so nothing is lost."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from outbox.recipients import mask_email, mask_mobile
from regions.scoping import RegionScoped

MAX_ATTEMPTS = 5


class Message(RegionScoped):
    """One message to one recipient; it holds personal data (a phone or an e-mail address)."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"))
    # What the message is for, e.g. "portal.receipt": a code, never translated.
    purpose = models.CharField(_("purpose"), max_length=64)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["status", "attempts"], name="outbox_pending")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=["sms", "email"]), name="outbox_message_channel"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sent", "failed"]),
                name="outbox_message_status",
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="outbox_message_has_body"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.purpose} → {self.masked_recipient}"

    @property
    def masked_recipient(self) -> str:
        if self.channel == self.Channel.SMS:
            return mask_mobile(self.recipient)
        return mask_email(self.recipient)
