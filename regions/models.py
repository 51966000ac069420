"""Administrative regions (GB/T 2260) and the federation that serves each one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    COUNTY = 3, _("County")


class Region(models.Model):
    """A province-, prefecture- or county-level division.

    ``province_code``, ``city_code`` and ``county_code`` place the region in the tree without a
    join: a county directly under a province (仙桃, the districts of 北京) has no ``city_code``.
    """

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    province_code = models.CharField(max_length=6, db_index=True)
    city_code = models.CharField(max_length=6, null=True, blank=True, db_index=True)  # noqa: DJ001
    county_code = models.CharField(max_length=6, null=True, blank=True, db_index=True)  # noqa: DJ001

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{6}$"), name="region_code_six_digits"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(level=Level.PROVINCE, parent__isnull=True)
                    | models.Q(level__in=[Level.CITY, Level.COUNTY], parent__isnull=False)
                ),
                name="region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Federation(models.Model):
    """The disabled persons' federation (残联) of one region: the unit users belong to."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="federation", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=128)

    class Meta:
        ordering = ["region_id"]
        verbose_name = _("federation")
        verbose_name_plural = _("federations")

    def __str__(self) -> str:
        return self.name
