"""What the demo cases are about: matters in the applicants' words, the service records, and the
plan of each case (status, dates, triage decision, services, risk).

A global rotation over all the demo cases guarantees that every status, every service and every
kind of referral appears at least once, whatever federations have a workstation.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from regions.models import Level

MATTERS: dict[str, list[str]] = {
    "employment": [
        "在工厂做包装工两年，老板拖欠四个月工资共一万二千元，多次讨要未果。",
        "应聘仓库管理员笔试第一，面试时因为腿部残疾被拒绝录用。",
        "工作时右手受伤，单位不给申报工伤，也不签劳动合同。",
    ],
    "family": [
        "儿子儿媳不支付赡养费，也不让我回老房子住。",
        "丈夫经常打骂我，想离婚并要求孩子抚养权。",
    ],
    "social_security": [
        "申请重度残疾人护理补贴被乡里退回，说材料不全但没讲清缺什么。",
        "低保被取消，没有收到任何书面通知。",
    ],
    "tort": [
        "骑电动三轮车被小轿车撞伤，对方保险公司赔偿太低。",
        "在医院手术后出现并发症，认为是医疗过错。",
    ],
    "inheritance": ["父亲去世后，兄弟不让我分房产，说残疾人不用分。"],
    "education": ["孩子是听力残疾，学校以没有条件为由拒绝入学。"],
    "guardianship": ["哥哥是智力残疾人，嫂子作为监护人侵占他的低保和补贴。"],
    "rehabilitation": ["残疾儿童康复救助申请超过三个月没有答复。"],
    "accessibility": ["小区新建的门口台阶没有坡道，轮椅出不了门，物业不理。"],
    "care_institution": ["母亲在养老院被护工推搡受伤，院方不承认。"],
    "criminal": ["聋哑的弟弟被指控盗窃，已被刑事拘留，家里请不起律师。"],
    "administrative": ["房屋征收补偿没有考虑残疾人特殊困难，要求复核被拒。"],
    "group": ["村里十几户残疾人的土地流转费被村委会截留三年。"],
    "dignity": ["短视频平台上有人拍我走路的样子取笑，要求删除并道歉。"],
    "other": ["想了解残疾人证到期换证的流程和需要的材料。"],
}
MATTER_WEIGHTS = {
    "employment": 22, "family": 15, "social_security": 14, "tort": 10, "inheritance": 7,
    "education": 5, "guardianship": 5, "rehabilitation": 4, "accessibility": 4,
    "care_institution": 3, "criminal": 4, "administrative": 3, "group": 1, "dignity": 1, "other": 2,
}  # fmt: skip
CHANNELS = {"in_person": 55, "phone": 25, "web": 8, "sms": 4, "email": 3, "letter": 5}
SERVICE_DETAILS: dict[str, dict[str, object]] = {
    "consultation": {"result": "解答了相关法律规定，告知了维权途径和时效"},
    "drafting": {"result": "代书劳动仲裁申请书一份，已交申请人核对签字"},
    "mediation": {
        "parties": "申请人与被申请人",
        "agreement_reached": True,
        "agreement": "被申请人分两期支付欠款，第一期于本月底前支付",
        "result": "达成调解协议",
    },
    "coordination": {"result": "函请人社部门协调处理，对方已书面答复"},
    "representation": {
        "proceeding": "劳动争议仲裁",
        "court": "劳动人事争议仲裁委员会",
        "stage": "仲裁",
        "result": "已代理出庭",
    },
    "defence": {
        "proceeding": "刑事辩护",
        "court": "人民法院",
        "stage": "一审",
        "result": "会见当事人并提交辩护意见",
    },
}
SERVICE_KINDS = tuple(SERVICE_DETAILS)
REFERRAL_KINDS = ("legal_aid", "fee_relief", "judicial_aid", "department")
RISK_KINDS = ("group_dispute", "high_impact", "deadline", "self_harm", "conflict", "complaint")
# A rotation weighted towards settled cases, as a station's files are.
STATUSES = ["archived", "in_service", "closed", "registered", "archived", "referred", "closed"]
STATUSES += ["in_service", "accepted", "archived", "not_accepted", "closed", "in_service"]
STATUSES += ["archived", "referred", "registered", "archived", "closed", "in_service", "accepted"]
# The steps from registration to each status (lifecycle.TRANSITIONS' usual path).
PATHS = {
    "registered": [],
    "not_accepted": ["not_accepted"],
    "accepted": ["accepted"],
    "in_service": ["accepted", "in_service"],
    "referred": ["accepted", "in_service", "referred"],
    "closed": ["accepted", "in_service", "closed"],
    "archived": ["accepted", "in_service", "closed", "archived"],
}
# Days ago a case in each status was registered (low, high).
AGES = {
    "registered": (0, 12),
    "accepted": (3, 20),
    "not_accepted": (5, 300),
    "in_service": (10, 150),
    "referred": (8, 60),
    "closed": (40, 250),
    "archived": (160, 700),
}
# Days between the steps on the way to each status (low, high), in path order.
GAPS = {"accepted": (0, 3), "not_accepted": (1, 5), "in_service": (1, 3), "referred": (2, 6)}
GAPS |= {"closed": (15, 90), "archived": (35, 80)}
PER_LEVEL = {Level.PROVINCE: 8, Level.CITY: 4, Level.COUNTY: 2}
_counter = itertools.count()


@dataclass(frozen=True)
class Plan:
    index: int  # position in the global rotation
    variant: int  # position within the federation
    status: str
    registered_on: date
    step_days: tuple[int, ...]
    matter: str
    channel: str
    decision: str
    risk: str


def reset_rotation() -> None:
    """Start the rotation again (each seeding run starts from the same point)."""
    global _counter
    _counter = itertools.count()


def plan_cases(rng: random.Random, level: int, today: date) -> list[Plan]:
    plans = []
    for variant in range(PER_LEVEL.get(level, 2) + rng.randrange(3)):
        index = next(_counter)
        status = STATUSES[index % len(STATUSES)]
        age = rng.randint(*AGES[status])
        steps = PATHS[status]
        gaps = [rng.randint(*GAPS[step]) for step in steps]
        while sum(gaps) > max(age - 1, 0) and any(gaps):
            gaps = [gap * 2 // 3 for gap in gaps]
        plans.append(
            Plan(
                index=index,
                variant=variant,
                status=status,
                registered_on=today - timedelta(days=age),
                step_days=tuple(gaps),
                matter=_weighted(rng, MATTER_WEIGHTS),
                channel=_weighted(rng, CHANNELS),
                decision=_decision(index, status),
                risk=RISK_KINDS[(index // 7) % len(RISK_KINDS)] if index % 7 == 3 else "",
            )
        )
    # Serial numbers follow the order of registration.
    return sorted(plans, key=lambda plan: plan.registered_on)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _decision(index: int, status: str) -> str:
    if status in {"registered", "not_accepted"}:
        return ""
    if status == "referred" or index % 10 in (1, 4, 8):
        return REFERRAL_KINDS[(index // 3) % len(REFERRAL_KINDS)]
    return "direct"


def referral_kind_for(plan: Plan) -> str:
    return plan.decision if plan.decision in REFERRAL_KINDS else "legal_aid"


def service_kinds_for(plan: Plan) -> list[str]:
    """The matter's usual service, and every third case one more from the rotation."""
    usual = {
        "criminal": "defence",
        "family": "mediation",
        "employment": "drafting",
        "tort": "representation",
        "social_security": "coordination",
        "accessibility": "coordination",
    }.get(plan.matter, "consultation")
    kinds = ["consultation", usual] if usual != "consultation" else [usual]
    extra = SERVICE_KINDS[(plan.index // 3) % len(SERVICE_KINDS)]
    if plan.index % 3 == 0 and extra not in kinds:
        kinds.append(extra)
    return kinds
