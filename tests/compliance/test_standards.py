"""The nine standards as versioned data: the national framework, a province's local criteria,
and the framework page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from compliance import standards as registry
from compliance.indicators import INDICATORS
from compliance.models import Criterion, Framework, Standard
from compliance.selectors.standards import criteria_for, current_framework
from compliance.services.criteria import add_local_criterion, normalise, retire_criterion
from lawstation.errors import DomainError
from regions.models import Federation, Level
from tests.factories import make_region

pytestmark = pytest.mark.django_db


def national() -> Framework:
    return Framework.objects.get(code=registry.FRAMEWORK_CODE)


def standard(number: int) -> Standard:
    return national().standards.get(number=number)


def add(cast, number: int = 5, code: str = "AH-5.9", text: str = "每季度开展普法宣传", **kw):
    return add_local_criterion(
        cast.federations["340000"],
        standard(number),
        code=code,
        text=text,
        actor=cast.user("340000", Role.CLERK),
        **kw,
    )


# --- The national framework (data migration) ---------------------------------------------


def test_the_migration_stores_the_nine_standards_and_their_criteria():
    framework = national()
    assert framework.effective_from == date(2020, 11, 9)
    assert list(framework.standards.values_list("number", flat=True)) == list(range(1, 10))
    stored = Criterion.objects.filter(standard__framework=framework, province=None)
    assert stored.count() == len(registry.CRITERION_BY_CODE)
    measures = [m for m in stored.values_list("measure", flat=True) if m]
    # Every indicator is the measure of exactly one national criterion, of its own standard.
    assert sorted(measures) == sorted(key for key, _n in INDICATORS)
    for criterion in stored.select_related("standard"):
        spec = registry.CRITERION_BY_CODE[criterion.code]
        assert criterion.measure == spec.measure
        assert criterion.code.startswith(f"{criterion.standard.number}.")
        assert criterion.added_on == date(2020, 11, 9)


def test_the_national_text_shown_follows_the_registry_and_the_language(english):
    first = Criterion.objects.get(standard__framework=national(), code="4.1")
    assert first.text == "The notice in force gives all five items."  # English msgid stored
    shown = registry.criterion_text("4.1", "stored text", is_national=True)
    assert str(shown) == first.text
    assert registry.criterion_text("AH-1", "本省文本", is_national=False) == "本省文本"
    assert str(registry.standard_title(4)) == "Public notice"
    assert "configured number of months" in str(registry.measure_text("premises.items"))
    assert "evidence" in str(registry.measure_text(""))


def test_current_framework_by_date():
    assert current_framework(date(2020, 11, 8)) is None
    assert current_framework(date(2020, 11, 9)) == national()
    later = Framework.objects.create(
        code="CDPF-2030", title="Later", effective_from=date(2030, 1, 1)
    )
    assert current_framework(date(2029, 12, 31)) == national()
    assert current_framework(date(2030, 1, 1)) == later


# --- Criteria in force --------------------------------------------------------------------


def _other_province():
    region = make_region("320000", "江苏省", Level.PROVINCE, None)
    return Federation.objects.create(region=region, name="江苏省残疾人联合会")


def test_criteria_for_a_province_adds_its_own_local_criteria_in_force(cast):
    local = add(cast)
    retired = add(cast, number=1, code="AH-1.9", text="窗口服务文明用语")
    retire_criterion(retired, federation=cast.federations["340000"], actor=None)
    other = _other_province()
    elsewhere = add_local_criterion(
        other, standard(5), code="JS-5.9", text="江苏本地准则", actor=None
    )
    today = timezone.localdate()

    anhui = criteria_for(national(), "340000", today)
    codes = [c.code for c in anhui]
    assert local.code in codes
    assert retired.code not in codes
    assert elsewhere.code not in codes
    assert len(anhui) == len(registry.CRITERION_BY_CODE) + 1
    # Ordered by standard, then code.
    keys = [(c.standard.number, c.code) for c in anhui]
    assert keys == sorted(keys)
    # Yesterday neither local criterion was in force yet; the retired one was not retired.
    yesterday = criteria_for(national(), "340000", today - timedelta(days=1))
    assert len(yesterday) == len(registry.CRITERION_BY_CODE)
    assert [c.code for c in criteria_for(national(), None, today)] == [
        c.code for c in criteria_for(national(), "990000", today)
    ]


# --- Adding and retiring local criteria ---------------------------------------------------


def test_a_province_adds_a_local_criterion_and_it_is_audited(cast):
    criterion = add(cast, text="  每季度开展普法宣传  ")
    assert criterion.province == cast.regions["340000"]
    assert criterion.text == "每季度开展普法宣传"
    assert criterion.added_on == timezone.localdate()
    entry = AuditEntry.all_objects.get(action="criterion.added")
    assert entry.changes["code"] == [None, "AH-5.9"]
    assert entry.province_code == "340000"


@pytest.mark.parametrize("code", ["340100", "340102"])
def test_only_a_provincial_federation_adds_local_criteria(cast, code):
    with pytest.raises(DomainError) as refused:
        add_local_criterion(
            cast.federations[code], standard(5), code="X-1", text="新准则", actor=None
        )
    assert refused.value.code == "province"
    assert not Criterion.objects.filter(province__isnull=False).exists()


def test_a_code_already_used_in_the_standard_is_refused(cast, english):
    add(cast)
    for code in ("5.1", "ah-5.9"):
        with pytest.raises(DomainError) as refused:
            add(cast, code=code, text="另一条准则")
        assert refused.value.code == "code_taken"
        assert "already has a criterion with the code" in refused.value.messages[0]


def test_a_local_criterion_measuring_what_a_national_one_measures_is_refused(cast, english):
    with pytest.raises(DomainError) as refused:
        add(cast, text="每月至少一天坐班", measure="service.duty_days")
    assert refused.value.code == "duplicate"
    assert "National criterion 5.1 already measures this" in refused.value.messages[0]


def test_a_measure_of_another_standard_is_refused(cast):
    with pytest.raises(DomainError) as refused:
        add(cast, number=5, text="经费", measure="funding.budget")
    assert refused.value.code == "measure"


@pytest.mark.parametrize(
    "text",
    [
        "Someone is on site at least one day in every month.",
        "someone is on site, at least one day in every month",
        "  SOMEONE IS ON SITE AT LEAST ONE DAY IN EVERY MONTH!!  ",
    ],
)
def test_a_local_criterion_with_a_national_criterions_text_is_refused(cast, english, text):
    with pytest.raises(DomainError) as refused:
        add(cast, text=text)
    assert refused.value.code == "duplicate"
    assert "Criterion 5.1 already says this" in refused.value.messages[0]
    assert not Criterion.objects.filter(province__isnull=False).exists()


def test_the_same_text_as_an_existing_local_criterion_is_refused(cast):
    add(cast, text="每季度开展普法宣传。")
    with pytest.raises(DomainError) as refused:
        add(cast, code="AH-5.10", text="每季度 开展 普法宣传")
    assert refused.value.code == "duplicate"


def test_normalise_sets_aside_spaces_punctuation_and_case():
    assert normalise(" A, b.\tC！ ") == normalise("abc") == "abc"
    assert normalise("每季度，开展 普法宣传。") == "每季度开展普法宣传"


def test_retiring_a_local_criterion_is_audited_and_national_ones_are_refused(cast):
    criterion = add(cast)
    province = cast.federations["340000"]
    with pytest.raises(DomainError) as refused:
        retire_criterion(Criterion.objects.get(code="5.1"), federation=province, actor=None)
    assert refused.value.code == "national"
    with pytest.raises(DomainError):
        retire_criterion(criterion, federation=_other_province(), actor=None)
    retired = retire_criterion(criterion, federation=province, actor=None)
    assert retired.retired_on == timezone.localdate()
    assert AuditEntry.all_objects.filter(action="criterion.retired").count() == 1
    with pytest.raises(DomainError) as again:
        retire_criterion(criterion, federation=province, actor=None)
    assert again.value.code == "retired"


# --- The framework page -------------------------------------------------------------------


def test_the_framework_page_shows_the_nine_standards_and_how_each_is_measured(
    cast, client, english, django_assert_max_num_queries
):
    Criterion.objects.filter(code="4.1", province=None).update(text="STORED TEXT")
    add(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("standards:framework"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Standard 1: Work style" in page
    assert "Standard 9: Information and statistics" in page
    assert "The notice in force gives all five items." in page  # from the registry
    assert "STORED TEXT" not in page
    assert "每季度开展普法宣传" in page  # Anhui's local criterion
    assert "Add a local criterion" not in page  # a county clerk does not edit


def test_a_province_clerk_adds_and_retires_through_the_page(cast, client, english):
    client.force_login(cast.user("340000", Role.CLERK))
    page = client.get(reverse("standards:framework")).content.decode()
    assert "Add a local criterion" in page
    data = {
        "criterion-standard": "5",
        "criterion-code": "AH-5.9",
        "criterion-text": "每季度开展普法宣传",
        "criterion-measure": "",
    }
    response = client.post(reverse("standards:criterion_add"), data)
    assert response.status_code == 302
    criterion = Criterion.objects.get(code="AH-5.9")

    again = client.post(reverse("standards:criterion_add"), data)
    assert again.status_code == 200
    body = again.content.decode()
    assert 'id="error-summary"' in body
    assert "already has a criterion with the code AH-5.9" in body
    assert Criterion.objects.filter(code="AH-5.9").count() == 1

    bad = client.post(reverse("standards:criterion_add"), data | {"criterion-standard": "12"})
    assert bad.status_code == 200
    assert "criterion-standard_error" in bad.content.decode()

    retired = client.post(reverse("standards:criterion_retire", args=[criterion.pk]))
    assert retired.status_code == 302
    criterion.refresh_from_db()
    assert criterion.retired_on == timezone.localdate()
    page = client.get(reverse("standards:framework")).content.decode()
    assert "1 retired local criterion" in page


def test_a_city_clerk_may_not_add_or_retire(cast, client):
    criterion = add(cast)
    client.force_login(cast.user("340100", Role.CLERK))
    data = {"criterion-standard": "5", "criterion-code": "C-1", "criterion-text": "城市准则"}
    assert client.post(reverse("standards:criterion_add"), data).status_code == 403
    retire = reverse("standards:criterion_retire", args=[criterion.pk])
    assert client.post(retire).status_code == 403
    assert not Criterion.objects.filter(code="C-1").exists()


def test_a_province_cannot_retire_another_provinces_criterion(cast, client):
    elsewhere = add_local_criterion(
        _other_province(), standard(5), code="JS-5.9", text="江苏本地准则", actor=None
    )
    client.force_login(cast.user("340000", Role.CLERK))
    response = client.post(reverse("standards:criterion_retire", args=[elsewhere.pk]))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.retired_on is None
