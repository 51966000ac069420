"""The national framework CDPF-2020: its nine standards and national criteria, from the
registry in ``compliance.standards`` (English text stored; pages show the translated registry
text of a national standard or criterion by its number or code)."""

from django.db import migrations
from django.utils import translation


def create_framework(apps, schema_editor):
    from compliance import standards as registry

    Framework = apps.get_model("compliance", "Framework")
    Standard = apps.get_model("compliance", "Standard")
    Criterion = apps.get_model("compliance", "Criterion")
    with translation.override(None):
        framework, _created = Framework.objects.get_or_create(
            code=registry.FRAMEWORK_CODE,
            defaults={
                "title": str(registry.FRAMEWORK_TITLE),
                "effective_from": registry.FRAMEWORK_EFFECTIVE_FROM,
                "source": registry.FRAMEWORK_SOURCE,
            },
        )
        for spec in registry.STANDARDS:
            standard, _created = Standard.objects.get_or_create(
                framework=framework,
                number=spec.number,
                defaults={"title": str(spec.title), "summary": str(spec.summary)},
            )
            for criterion in spec.criteria:
                Criterion.objects.get_or_create(
                    standard=standard,
                    code=criterion.code,
                    defaults={
                        "text": str(criterion.text),
                        "measure": criterion.measure,
                        "province": None,
                        "added_on": registry.FRAMEWORK_EFFECTIVE_FROM,
                    },
                )


def remove_framework(apps, schema_editor):
    from compliance import standards as registry

    Framework = apps.get_model("compliance", "Framework")
    Standard = apps.get_model("compliance", "Standard")
    Criterion = apps.get_model("compliance", "Criterion")
    framework = Framework.objects.filter(code=registry.FRAMEWORK_CODE).first()
    if framework is None:
        return
    Criterion.objects.filter(standard__framework=framework, province__isnull=True).delete()
    Standard.objects.filter(framework=framework, criteria__isnull=True).delete()
    if not Standard.objects.filter(framework=framework).exists():
        framework.delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_initial")]

    operations = [migrations.RunPython(create_framework, remove_framework)]
