"""The append-only audit log: who did what, when, from where, to which record, in which region."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit import actions
from regions.scoping import RegionScoped, ScopedManager


class AppendOnlyError(RuntimeError):
    """Audit entries are never changed or deleted."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be updated.")


class AuditEntry(RegionScoped):
    class Channel(models.TextChoices):
        WEB = "web", _("Staff web")
        PORTAL = "portal", _("Public portal")
        API = "api", _("API")
        SYSTEM = "system", _("System")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        FAILURE = "failure", _("Failure")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    actor_role = models.CharField(_("actor's role"), max_length=20, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.SYSTEM
    )
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=256, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )
    target_type = models.CharField(_("target type"), max_length=64, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = ScopedManager.from_queryset(AuditEntryQuerySet)()
    all_objects = models.Manager.from_queryset(AuditEntryQuerySet)()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-id"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["province_code", "-id"], name="audit_province_id"),
            models.Index(fields=["city_code", "-id"], name="audit_city_id"),
            models.Index(fields=["county_code", "-id"], name="audit_county_id"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action}"

    @property
    def action_label(self) -> str:
        return actions.label_for(self.action)

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
