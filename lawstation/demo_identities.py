"""Synthetic people for the demo cases: names, resident IDs and disability certificates.

Nothing here is a real person. Names are drawn from common surnames and given-name characters;
resident ID numbers carry an Anhui county code, a birth date, a sequence whose parity matches the
sex, and a valid GB 11643 check character; the certificate number is that ID followed by the
category and grade digits (DOMAIN.md §4.3, §4.4). Stored the way the applicant service stores
them: encrypted, with a keyed lookup hash and a masked copy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from cases.crypto import encrypt, lookup_hash
from cases.identifiers import check_character, mask_certificate, mask_id_number

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN_MALE = "伟强磊军洋勇杰涛明超刚平辉鹏华建国文斌峰"
GIVEN_FEMALE = "芳娜敏静丽艳娟秀霞桂英玉兰萍红梅琳燕慧雪"
# Category digit → weight (DOMAIN.md §4.1: physical disability is the most common).
CATEGORY_WEIGHTS = {"1": 12, "2": 15, "3": 4, "4": 38, "5": 12, "6": 11, "7": 8}


@dataclass(frozen=True)
class Identity:
    name: str
    sex: str
    birth_date: date
    id_number: str
    category: str
    grade: int
    components: tuple[str, ...]

    @property
    def certificate(self) -> str:
        return f"{self.id_number}{self.category}{self.grade}"

    def applicant_fields(self) -> dict:
        """The identity as the applicant row stores it: ciphertext, hash and mask only."""
        return {
            "name": self.name,
            "sex": self.sex,
            "birth_date": self.birth_date,
            "id_number_cipher": encrypt(self.id_number),
            "id_number_hash": lookup_hash("id_number", self.id_number),
            "id_number_masked": mask_id_number(self.id_number),
            "certificate_cipher": encrypt(self.certificate),
            "certificate_hash": lookup_hash("certificate", self.certificate),
            "certificate_masked": mask_certificate(self.certificate),
            "certificate_category": self.category,
            "certificate_grade": self.grade,
            "disability_category": self.category,
            "disability_components": list(self.components),
            "disability_grade": self.grade,
        }


def resident_id(area_code: str, born: date, sequence: int) -> str:
    first17 = f"{area_code}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def make_identity(rng: random.Random, area_code: str, today: date) -> Identity:
    """A synthetic adult (18 to 75) born in ``area_code`` (a county code)."""
    sex = rng.choice("mf")
    born = today - timedelta(days=rng.randint(18 * 365, 75 * 365))
    # The 17th digit is odd for men and even for women.
    sequence = rng.randrange(0, 500) * 2 + (1 if sex == "m" else 0)
    given = GIVEN_MALE if sex == "m" else GIVEN_FEMALE
    name = rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))
    category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    components = tuple(sorted(rng.sample("123456", 2))) if category == "7" else ()
    return Identity(
        name=name,
        sex=sex,
        birth_date=born,
        id_number=resident_id(area_code, born, sequence),
        category=category,
        grade=rng.choices((1, 2, 3, 4), (1, 2, 3, 3))[0],
        components=components,
    )
