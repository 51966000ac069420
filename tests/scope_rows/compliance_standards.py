"""Scope-matrix rows for the framework page and a province's local criteria (issue 6, item 1).

The framework page is read by everyone who may see workstations. Local criteria are added and
retired only by a provincial federation's clerk: the matrix's members (a city and a county) are
all refused, whatever their role; the province's own clerk is tested in
tests/compliance/test_standards.py."""

from __future__ import annotations

import itertools

from django.urls import reverse

from accounts.roles import Capability, Role
from compliance.models import Standard
from compliance.services.criteria import add_local_criterion
from tests.factories import Cast
from tests.scope import Row, everyone, roles_with

_serial = itertools.count(1)


def _local_criterion(cast: Cast, code: str) -> str:
    standard = Standard.objects.get(framework__code="CDPF-2020", number=5)
    criterion = add_local_criterion(
        cast.federations["340000"],
        standard,
        code=f"M-{next(_serial)}",
        text=f"矩阵测试准则{next(_serial)}",
        actor=cast.user("340000", Role.CLERK),
    )
    return reverse("standards:criterion_retire", args=[criterion.pk])


ROWS: dict[str, Row] = {
    "standards:framework": Row(
        lambda cast, code: reverse("standards:framework"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
    ),
    "standards:criterion_add": Row(
        lambda cast, code: reverse("standards:criterion_add"),
        everyone(403),
        anonymous=302,
        method="post",
        data={
            "criterion-standard": "5",
            "criterion-code": "X-1",
            "criterion-text": "每季度开展一次普法宣传",
            "criterion-measure": "",
        },
    ),
    "standards:criterion_retire": Row(
        _local_criterion, everyone(403), anonymous=302, method="post"
    ),
}
