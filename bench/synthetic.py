"""Synthetic cases for the benchmark: fast, deterministic, realistic in shape.

Rows go in with ``executemany`` on explicit ids (no model instances, no per-row ``save()``);
every column the generator does not set takes the model field's default, so the generator keeps
working when the models gain fields with defaults. Applicants carry no identifiers (speed), and
nothing here is a real person: names are drawn from a short list.
"""

from __future__ import annotations

import random
import zlib
from datetime import datetime, timedelta

from django.db import connection, models, transaction
from django.utils import timezone

from cases.models import Applicant, Case, Referral, Service
from people.models import Person
from regions.models import Federation

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力"
MATTERS = [
    ("employment", 24), ("family", 16), ("social_security", 14), ("tort", 10),
    ("inheritance", 7), ("education", 5), ("guardianship", 5), ("rehabilitation", 4),
    ("accessibility", 3), ("care_institution", 2), ("criminal", 3), ("administrative", 3),
    ("group", 1), ("dignity", 1), ("other", 2),
]  # fmt: skip
CHANNELS = [("in_person", 55), ("phone", 25), ("web", 8), ("sms", 4), ("email", 3), ("letter", 5)]
DISABILITIES = [("1", 12), ("2", 15), ("3", 4), ("4", 40), ("5", 12), ("6", 10), ("7", 7)]
SERVICES = [
    ("consultation", 40), ("drafting", 15), ("mediation", 15), ("coordination", 15),
    ("representation", 12), ("defence", 3),
]  # fmt: skip
REFERRALS = [("legal_aid", 60), ("fee_relief", 15), ("judicial_aid", 10), ("department", 15)]
YEARS = 5
BATCH = 20_000


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def status_for(rng: random.Random, age_days: float) -> str:
    """A plausible status for a case registered ``age_days`` ago."""
    if age_days < 7:
        table = [("registered", 60), ("accepted", 20), ("in_service", 20)]
    elif age_days < 60:
        table = [("registered", 1), ("accepted", 9), ("in_service", 50), ("referred", 15)]
        table += [("closed", 20), ("not_accepted", 5)]
    elif age_days < 180:
        table = [("in_service", 15), ("referred", 5), ("closed", 60), ("archived", 15)]
        table += [("not_accepted", 5)]
    else:
        table = [("archived", 85), ("closed", 8), ("not_accepted", 5), ("in_service", 2)]
    return pick(rng, table)


class Inserter:
    """``executemany`` inserts of plain dicts, every other column at the field's default."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.defaults = {}
        for field in self.fields:
            if field.has_default():
                value = field.get_db_prep_save(field.get_default(), connection)
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.null or isinstance(field, models.AutoField):
                value = None
            else:
                value = ""
            self.defaults[field.attname] = value
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"

    def insert(self, rows: list[dict]) -> None:
        names = [field.attname for field in self.fields]
        defaults = self.defaults
        values = [tuple(row.get(name, defaults[name]) for name in names) for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


def day(moment: datetime):
    return connection.ops.adapt_datefield_value(timezone.localdate(moment))


def federation_weights(federations: list[Federation]) -> list[float]:
    """Counties carry most cases, cities fewer, the province fewest; each varies (CRC)."""
    weights = []
    for federation in federations:
        spread = 0.4 + (zlib.crc32(federation.region_id.encode()) % 100) / 60
        weights.append({1: 0.3, 2: 0.6}.get(federation.region.level, 1.0) * spread)
    return weights


def next_id(model: type[models.Model]) -> int:
    last = model.all_objects.aggregate(last=models.Max("pk"))["last"]
    return (last or 0) + 1


def generate(total: int, *, seed: int = 20260101, progress=print) -> dict[str, int]:
    """Insert ``total`` cases (with applicants, services and referrals) in batches."""
    rng = random.Random(seed)
    federations = list(Federation.objects.select_related("region").order_by("region_id"))
    weights = federation_weights(federations)
    providers = dict(Person.all_objects.values_list("federation_id", "pk"))
    counters = {"applicant": next_id(Applicant), "case": next_id(Case)}
    counters |= {"service": next_id(Service), "referral": next_id(Referral)}
    serials: dict[tuple[int, int], int] = {}
    inserters = {model: Inserter(model) for model in (Applicant, Case, Service, Referral)}
    now = timezone.now()
    made = dict.fromkeys(("applicant", "case", "service", "referral"), 0)
    for start in range(0, total, BATCH):
        size = min(BATCH, total - start)
        batch = _batch(rng, size, federations, weights, providers, counters, serials, now)
        with transaction.atomic():
            for model, rows in batch.items():
                inserters[model].insert(rows)
                made[model._meta.model_name] += len(rows)
        progress(f"  {start + size:>9,} cases", flush=True)
    return made


def _batch(rng, size, federations, weights, providers, counters, serials, now) -> dict:
    rows: dict[type, list[dict]] = {Applicant: [], Case: [], Service: [], Referral: []}
    adapt = connection.ops.adapt_datetimefield_value
    for federation in rng.choices(federations, weights, k=size):
        region = federation.region
        codes = {
            "province_code": region.province_code,
            "city_code": region.city_code,
            "county_code": region.county_code,
        }
        # Growth: more recent years hold more cases (sqrt skews towards now).
        age = YEARS * 365 * (1 - rng.random() ** 0.7)
        registered = now - timedelta(days=age, seconds=rng.randrange(86_400))
        applicant_id = counters["applicant"]
        counters["applicant"] += 1
        disability = pick(rng, DISABILITIES)
        rows[Applicant].append(
            {
                "id": applicant_id,
                "federation_id": federation.pk,
                "name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                "disability_category": disability,
                "disability_grade": rng.randint(1, 4),
                "created_at": adapt(registered),
                **codes,
            }
        )
        case_id = counters["case"]
        counters["case"] += 1
        key = (federation.pk, registered.year)
        serials[key] = serial = serials.get(key, 0) + 1
        status = status_for(rng, age)
        case = {
            "id": case_id,
            "federation_id": federation.pk,
            "year": registered.year,
            "serial": serial,
            "number": f"{region.code}-{registered.year}-{serial:04d}",
            "applicant_id": applicant_id,
            "channel": pick(rng, CHANNELS),
            "matter": "合成的事项说明",
            "matter_category": pick(rng, MATTERS),
            "disability_category": disability,
            "status": status,
            "registered_at": adapt(registered),
            "has_open_risk": status in {"accepted", "in_service", "referred"}
            and rng.random() < 0.02,
            **codes,
        }
        case.update(_milestones(rng, status, registered, adapt))
        rows[Case].append(case)
        _children(
            rng, rows, case_id, status, registered, providers.get(federation.pk), codes, counters
        )
    return rows


def _milestones(rng: random.Random, status: str, registered: datetime, adapt) -> dict:
    values: dict = {}
    if status == "not_accepted":
        values["not_accepted_at"] = adapt(registered + timedelta(days=rng.randint(1, 7)))
        values["not_accepted_reason"] = "不属于受理范围"
    if status in {"registered", "not_accepted"}:
        return values
    accepted = registered + timedelta(days=rng.randint(0, 6))
    values["accepted_at"] = adapt(accepted)
    if status in {"in_service", "referred", "closed", "archived"}:
        values["service_started_at"] = adapt(accepted + timedelta(days=1))
    if status == "referred":
        values["referred_at"] = adapt(accepted + timedelta(days=3))
    if status in {"closed", "archived"}:
        closed = accepted + timedelta(days=rng.randint(10, 120))
        values["closed_at"] = adapt(closed)
        values["outcome"] = rng.choice(["resolved", "resolved", "partly", "not_resolved"])
        values["archive_due_on"] = day(closed + timedelta(days=90))
    if status == "archived":
        values["archived_at"] = adapt(accepted + timedelta(days=rng.randint(130, 200)))
    return values


def _children(rng, rows, case_id, status, registered, provider, codes, counters) -> None:
    if status in {"registered", "not_accepted"} or provider is None:
        return
    for _ in range(1 if rng.random() < 0.7 else 2):
        rows[Service].append(
            {
                "id": counters["service"],
                "case_id": case_id,
                "kind": pick(rng, SERVICES),
                "provider_id": provider,
                "provided_on": day(registered + timedelta(days=rng.randint(1, 30))),
                "channel": "in_person",
                **codes,
            }
        )
        counters["service"] += 1
    if rng.random() < 0.12 or status == "referred":
        prepared = registered + timedelta(days=3)
        open_case = status in {"referred", "in_service", "accepted"}
        rows[Referral].append(
            {
                "id": counters["referral"],
                "case_id": case_id,
                "kind": pick(rng, REFERRALS),
                "status": "sent" if open_case else "concluded",
                "prepared_at": connection.ops.adapt_datetimefield_value(prepared),
                "sent_at": connection.ops.adapt_datetimefield_value(prepared),
                "decision_due_on": day(prepared + timedelta(days=7)),
                **codes,
            }
        )
        counters["referral"] += 1
