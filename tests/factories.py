"""The named cast: a province, two cities with two counties each, and a member of every role in
every federation. Factories are plain keyword functions that call services."""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import User
from accounts.roles import Role
from accounts.services import create_user
from regions.models import Federation, Level, Region

PASSWORD = "Correct-Horse-Battery-42"

# code, name, level, parent
TREE = [
    ("340000", "安徽省", Level.PROVINCE, None),
    ("340100", "合肥市", Level.CITY, "340000"),
    ("340102", "瑶海区", Level.COUNTY, "340100"),
    ("340103", "庐阳区", Level.COUNTY, "340100"),
    ("340200", "芜湖市", Level.CITY, "340000"),
    ("340202", "镜湖区", Level.COUNTY, "340200"),
    ("340207", "鸠江区", Level.COUNTY, "340200"),
]


@dataclass
class Cast:
    regions: dict[str, Region] = field(default_factory=dict)
    federations: dict[str, Federation] = field(default_factory=dict)
    users: dict[tuple[str, str], User] = field(default_factory=dict)

    def user(self, code: str, role: str) -> User:
        return self.users[(code, role)]


def make_region(code: str, name: str, level: int, parent: Region | None) -> Region:
    province = parent.province_code if parent else code
    city = code if level == Level.CITY else (parent.city_code if parent else None)
    county = code if level == Level.COUNTY else None
    return Region.objects.create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        province_code=province,
        city_code=city,
        county_code=county,
    )


def build_cast(roles: list[str] | None = None) -> Cast:
    cast = Cast()
    for code, name, level, parent in TREE:
        region = make_region(code, name, level, cast.regions.get(parent) if parent else None)
        cast.regions[code] = region
        cast.federations[code] = Federation.objects.create(
            region=region, name=f"{name}残疾人联合会"
        )
    for code, federation in cast.federations.items():
        for role in roles or Role.values:
            cast.users[(code, role)] = create_user(
                f"{role}-{code}", actor=None, password=PASSWORD, federation=federation, role=role
            )
    return cast
