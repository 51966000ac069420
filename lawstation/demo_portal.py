"""Demo data for the public portal (issue 5): public notices, future duty days, web requests.

Runs after ``seed_workstations`` and ``seed_compliance``:

- every established workstation gets a public notice with the five items in plain Chinese
  (``lawstation/demo_portal_content.py``), first effective in 2020. A placeholder notice another
  demo module left (one version, not written here) is replaced, its blank items kept blank
  (deliberate compliance gaps). Each is published on the website and, for most, the notice
  board (the same few as in ``demo_compliance`` on the website only). Three counties
  (:func:`gap_counties`) leave one item blank — the sign-language video contact, the e-mail or
  the working hours. The city 340100 and the county 340102 have a second, current version from
  2026-01-01, so their history shows versions;
- every established workstation with an engaged lawyer or legal worker gets its on-site duty
  days for the next three months: the first (for some, also the third) of a fixed weekday each
  month, 9:00–12:00, the weekday its notice announces;
- three new online requests for help in 瑶海区 (340102) and one in 庐阳区 (340103), with fixed
  references, so the status lookup can be shown (``REQUESTS``: reference and second factor).

Deterministic (a CRC of the region code decides; dates relative to ``today``), idempotent (a
notice written here, a duty day on the day, a request with its ``submission_key`` is not made
twice; a second run the same month sees the last demo request and duty days two months ahead and
stops: one query), fast (one ``bulk_create`` per model). Writes under ``unscoped()``; no audit
entry of its own (as ``demo_compliance``: the seed's entries cover the run).
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, Q
from django.utils import timezone

from lawstation.demo_portal_content import (
    REQUESTS,
    SCOPE,
    SCOPE_2026,
    SCOPE_MARK,
    WORKFLOW,
    DemoRequest,
    contacts,
    duty_dates,
    duty_weekday,
    office_address,
    working_hours,
)
from lawstation.demo_workstations import bucket
from people.models import Engagement, Person
from portal.models import HelpRequest
from portal.references import check_symbol
from portal.services.requests import lookup_digest
from regions.models import Federation, Level
from regions.scoping import unscoped
from workstations.models import DutyDay, Publication, PublicNotice, Workstation

VERSIONED = ("340100", "340102")  # a second version from SECOND_VERSION
SECOND_VERSION = date(2026, 1, 1)
KEPT_COMPLETE = {"340100", "340102", "340103"}
GAPS = ("sign_language_video", "email", "working_hours")  # one per gap county, in order
# Kept blank when a notice being rewritten has them blank (another module's deliberate gap).
ITEM_FIELDS = ("scope_of_cases", "workflow", "working_hours", "office_address")
NOTICE_FIELDS = (*ITEM_FIELDS, "phone", "sms_number", "email", "sign_language_video")
FIRST_VERSION_WINDOW = (date(2020, 7, 1), date(2020, 12, 31))
Channel = Publication.Channel


def seed_portal(federations: dict[str, Federation], today: date) -> dict[str, int]:
    """The portal's demo data for ``federations`` (region code → federation, region loaded);
    rows created per model (empty when there was nothing to do)."""
    with unscoped("seed_demo creates the public portal's demo data"):
        if _seeded(today):
            return {}
        stations = list(
            Workstation.all_objects.filter(
                federation__in=federations.values(), status=Workstation.Status.ESTABLISHED
            )
            .select_related("federation__region")
            .order_by("federation__region_id")
        )
        made: dict[str, int] = {}
        _notices(stations, today, made)
        _count(made, DutyDay, DutyDay.all_objects.bulk_create(_duty_days(stations, today)))
        _count(made, HelpRequest, HelpRequest.all_objects.bulk_create(_requests(stations, today)))
    return made


def _seeded(today: date) -> bool:
    """Whether a run this month did everything already: the last demo request exists and duty
    days are planned more than two months ahead. One query."""
    ahead = DutyDay.all_objects.filter(day__gt=today + timedelta(days=60))
    return (
        HelpRequest.all_objects.filter(submission_key=REQUESTS[-1].key)
        .filter(Exists(ahead))
        .exists()
    )


def _count(made: dict[str, int], model: type, rows: list) -> None:
    made[model._meta.model_name] = made.get(model._meta.model_name, 0) + len(rows)


def _filed(row, station: Workstation):
    row.set_region(station.federation.region)
    return row


def duty_plan(code: str) -> tuple[int, bool]:
    """The weekday of a workstation's duty days and whether it has two a month."""
    return duty_weekday(bucket(code, "portal-duty")), code == "340102" or bucket(
        code, "portal-duty-twice"
    ) < 30


def gap_counties(stations: list[Workstation]) -> dict[str, str]:
    """Three counties whose notice leaves one item blank: county code → the blank field."""
    counties = sorted(
        (bucket(s.federation.region_id, "portal-notice-gap"), s.federation.region_id)
        for s in stations
        if s.federation.region.level == Level.COUNTY and s.federation.region_id not in KEPT_COMPLETE
    )
    return {code: field for (_, code), field in zip(counties, GAPS, strict=False)}


def first_version_date(station: Workstation) -> date:
    """Two weeks after approval, within the second half of 2020 unless approved later."""
    start = (station.approved_on or FIRST_VERSION_WINDOW[0]) + timedelta(days=14)
    low, high = FIRST_VERSION_WINDOW
    if station.approved_on and station.approved_on >= high:
        return start
    return min(max(start, low), high)


def notice_values(station: Workstation, *, scope: str = SCOPE, blank: tuple = ()) -> dict:
    """The texts of ``station``'s notice; the fields in ``blank`` left empty."""
    region = station.federation.region
    weekday, twice = duty_plan(region.code)
    values = {
        "scope_of_cases": scope,
        "workflow": WORKFLOW,
        "working_hours": working_hours(weekday, twice),
        "office_address": office_address(station.address, region.name),
        **contacts(region.code, zlib.crc32(f"portal-phone:{region.code}".encode())),
    }
    return {name: "" if name in blank else value for name, value in values.items()}


# --- Notices and publications -------------------------------------------------------------------


def _notices(stations: list[Workstation], today: date, made: dict[str, int]) -> None:
    existing: dict[int, list[PublicNotice]] = {}
    for notice in PublicNotice.all_objects.filter(
        workstation_id__in=[station.pk for station in stations]
    ).order_by("effective_from", "pk"):
        existing.setdefault(notice.workstation_id, []).append(notice)
    gaps = gap_counties(stations)
    replaced, created = [], []
    for station in stations:
        notices = existing.get(station.pk, [])
        if len(notices) > 1 or any(n.scope_of_cases.startswith(SCOPE_MARK) for n in notices):
            continue  # written here already, or versions someone else curated
        placeholder = notices[0] if notices else None
        replaced += [placeholder.pk] if placeholder else []
        created.append(_first_version(station, placeholder, gaps.get(station.federation.region_id)))
        if station.federation.region_id in VERSIONED:
            second = PublicNotice(
                workstation=station,
                effective_from=SECOND_VERSION,
                **notice_values(station, scope=SCOPE_2026),
            )
            created.append(_filed(second, station))
    # Replaced rather than updated: bulk_update of ninety notices costs seconds, this milliseconds.
    Publication.all_objects.filter(notice_id__in=replaced).delete()
    PublicNotice.all_objects.filter(pk__in=replaced).delete()
    _count(made, PublicNotice, PublicNotice.all_objects.bulk_create(created))
    publications = [
        _filed(
            Publication(notice=notice, channel=channel, published_on=min(day, today), location=at),
            notice.workstation,
        )
        for notice in created
        for channel, (day, at) in _places(notice.workstation, notice).items()
    ]
    _count(made, Publication, Publication.all_objects.bulk_create(publications))


def _first_version(
    station: Workstation, placeholder: PublicNotice | None, gap: str | None
) -> PublicNotice:
    """The first version, in place of ``placeholder`` (its blank items are kept blank)."""
    blank = (gap,) if gap else ()
    if placeholder is not None:
        blank += tuple(name for name in ITEM_FIELDS if not getattr(placeholder, name).strip())
    notice = PublicNotice(
        workstation=station,
        effective_from=first_version_date(station),
        effective_until=None,
        **notice_values(station, blank=blank),
    )
    if station.federation.region_id in VERSIONED:
        notice.effective_until = SECOND_VERSION - timedelta(days=1)
    return _filed(notice, station)


def _places(station: Workstation, notice: PublicNotice) -> dict[str, tuple[date, str]]:
    """Where and when ``notice`` was published: the website on its first day, and for most
    the notice board three days later."""
    region = station.federation.region
    places = {
        Channel.WEBSITE: (notice.effective_from, f"{region.name}残疾人联合会网站“法律救助”栏目"),
        Channel.NOTICE_BOARD: (
            notice.effective_from + timedelta(days=3),
            f"{station.address or region.name}服务大厅公示栏",
        ),
    }
    # The same counties as lawstation/demo_compliance.py publish on the website only.
    if region.code not in VERSIONED and bucket(region.code, "compliance-board") < 6:
        del places[Channel.NOTICE_BOARD]
    return places


# --- Duty days ----------------------------------------------------------------------------------


def _duty_days(stations: list[Workstation], today: date) -> list[DutyDay]:
    """The duty days of the next three months not on the roster yet."""
    ids = [station.pk for station in stations]
    engaged: dict[int, list[Engagement]] = {}
    for engagement in (
        Engagement.all_objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            workstation_id__in=ids,
            person__kind__in=[Person.Kind.LAWYER, Person.Kind.LEGAL_WORKER],
        )
        .select_related("person")
        .order_by("pk")
    ):
        engaged.setdefault(engagement.workstation_id, []).append(engagement)
    planned = set(
        DutyDay.all_objects.filter(workstation_id__in=ids, day__gt=today).values_list(
            "workstation_id", "day"
        )
    )
    rows = []
    for station in stations:
        weekday, twice = duty_plan(station.federation.region_id)
        for day in duty_dates(today, weekday, twice):
            person = _provider(engaged.get(station.pk, []), day)
            if person is None or (station.pk, day) in planned:
                continue
            duty = DutyDay(
                workstation=station, person=person, day=day, starts_at=time(9), ends_at=time(12)
            )
            rows.append(_filed(duty, station))
    return rows


def _provider(engagements: list[Engagement], day: date) -> Person | None:
    """The first provider engaged on ``day``; else the first engaged today (a contract that
    ends before ``day`` is taken to be renewed)."""
    active = [e for e in engagements if e.person.is_active_on(day)]
    covering = [e for e in active if e.starts_on <= day and (e.ends_on is None or day <= e.ends_on)]
    chosen = covering or active
    return chosen[0].person if chosen else None


# --- Online requests for help -------------------------------------------------------------------


def demo_reference(spec: DemoRequest) -> str:
    return spec.body + check_symbol(spec.body)


def _requests(stations: list[Workstation], today: date) -> list[HelpRequest]:
    serving = {station.federation.region_id: station.federation for station in stations}
    keys = [spec.key for spec in REQUESTS]
    done = set(
        HelpRequest.all_objects.filter(submission_key__in=keys).values_list(
            "submission_key", flat=True
        )
    )
    rows = []
    for spec in REQUESTS:
        federation = serving.get(spec.region) or _other_county(serving, spec)
        if spec.key in done or federation is None:
            continue
        rows.append(_request(spec, federation, today))
    return rows


def _other_county(serving: dict[str, Federation], spec: DemoRequest) -> Federation | None:
    """For a request of a county other than 瑶海区 whose workstation is not in service: the first
    other county that has one."""
    if spec.region == "340102":
        return None
    counties = [
        code
        for code, federation in sorted(serving.items())
        if federation.region.level == Level.COUNTY and code != "340102"
    ]
    return serving[counties[0]] if counties else None


def _request(spec: DemoRequest, federation: Federation, today: date) -> HelpRequest:
    """What ``portal.services.requests.submit_help_request`` would have stored."""
    submitted = timezone.make_aware(
        datetime.combine(today - timedelta(days=spec.days_ago), time(10 + spec.days_ago, 30))
    )
    reference = demo_reference(spec)
    consent = bool(spec.disability_categories or spec.communication_needs or spec.needs_other)
    row = HelpRequest(
        reference=reference,
        federation=federation,
        chosen_region=federation.region,
        requester=spec.requester,
        name=spec.name,
        relationship=spec.relationship,
        person_name=spec.person_name,
        phone=spec.phone,
        email=spec.email,
        contact_preference=spec.contact_preference,
        do_not_phone=spec.do_not_phone,
        disability_categories=list(spec.disability_categories),
        communication_needs=list(spec.communication_needs),
        needs_other=spec.needs_other,
        matter=spec.matter,
        consent_disability=consent,
        consent_notice_version=settings.PORTAL_CONSENT_NOTICE_VERSION if consent else "",
        lookup_hash=lookup_digest(reference, spec.factor),
        submission_key=spec.key,
        submitted_at=submitted,
        status=HelpRequest.Status.NEW,
        status_changed_at=submitted,
    )
    row.set_region(federation.region)
    return row
