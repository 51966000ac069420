"""The one scoping layer: visibility is exactly 'own region and everything below'."""

from __future__ import annotations

import pytest
from django.http import Http404
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Membership
from accounts.roles import Role
from audit.models import AuditEntry
from audit.services import record
from regions.models import Level, Region
from regions.scoping import (
    Scope,
    ScopeError,
    activate,
    current_scope,
    get_in_scope_or_404,
    regions_within,
    scope_for_region,
    unscoped,
)
from tests.factories import make_region

pytestmark = pytest.mark.django_db


def test_unscoped_query_of_a_sensitive_model_fails():
    with pytest.raises(ScopeError):
        list(AuditEntry.objects.all())
    with pytest.raises(ScopeError):
        Membership.objects.count()


def test_unscoped_escape_hatch_needs_a_reason(cast):
    with pytest.raises(ValueError, match="reason"), unscoped(""):
        pass
    with unscoped("test reads every membership"):
        assert Membership.objects.count() == len(cast.users)


def test_scope_filters_every_query_and_resets_after_the_block(cast):
    scope = scope_for_region(cast.regions["340100"])
    with activate(scope):
        assert current_scope() == scope
        codes = set(Membership.objects.values_list("federation__region_id", flat=True))
    assert codes == {"340100", "340102", "340103"}
    assert current_scope() is None


@pytest.mark.parametrize(
    ("scope_code", "visible"),
    [
        ("340000", {"340000", "340100", "340102", "340103", "340200", "340202", "340207"}),
        ("340100", {"340100", "340102", "340103"}),
        ("340102", {"340102"}),
    ],
)
def test_each_level_sees_itself_and_below(cast, scope_code, visible):
    for code in cast.regions:
        record("seed.loaded", cast.regions[code], actor=None)
    scope = scope_for_region(cast.regions[scope_code])
    with activate(scope):
        seen = set(
            AuditEntry.objects.filter(action="seed.loaded").values_list("target_id", flat=True)
        )
    assert seen == visible
    assert set(regions_within(scope).values_list("code", flat=True)) == visible


def test_get_in_scope_or_404_gives_the_same_404_for_forbidden_and_missing(cast):
    scope = scope_for_region(cast.regions["340102"])
    assert get_in_scope_or_404(Region, scope, code="340102").code == "340102"
    for code in ("340103", "340100", "340000", "999999", "abc"):
        with pytest.raises(Http404):
            get_in_scope_or_404(Region, scope, code=code)
    with pytest.raises(Http404):
        get_in_scope_or_404(Region, None, code="340102")


def test_scope_for_a_county_directly_under_a_province():
    province = make_region("420000", "湖北省", Level.PROVINCE, None)
    xiantao = make_region("429004", "仙桃市", Level.COUNTY, province)
    assert xiantao.city_code is None
    record("seed.loaded", xiantao, actor=None)
    with activate(scope_for_region(xiantao)):
        assert AuditEntry.objects.count() == 1
    with activate(scope_for_region(province)):
        assert AuditEntry.objects.count() == 1


def test_scope_capabilities():
    scope = Scope(region_code="340100", level=Level.CITY, capabilities=frozenset({"a.b"}))
    assert scope.can("a.b")
    assert not scope.can("case.view")
    assert scope.row_filter() == {"city_code": "340100"}
    assert scope.row_filter("region__") == {"region__city_code": "340100"}


def test_membership_role_does_not_leak_across_scope(cast):
    with activate(scope_for_region(cast.regions["340202"])):
        roles = set(Membership.objects.values_list("role", flat=True))
        users = set(Membership.objects.values_list("user__username", flat=True))
    assert roles == set(Role.values)
    assert all(name.endswith("-340202") for name in users)


# --- Property: over random trees, visible(scope) == the subtree of the scope's region ----------

trees = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 3)), min_size=1, max_size=12
)  # (city index, county index); county 0 means "the city itself"


@settings(max_examples=60, deadline=None)
@given(shape=trees, pick=st.integers(0, 50))
def test_visibility_equals_the_subtree_for_random_trees(shape, pick):
    province_code = "650000"
    Region.objects.filter(province_code=province_code, level=Level.COUNTY).delete()
    Region.objects.filter(province_code=province_code, level=Level.CITY).delete()
    province = Region.objects.filter(code=province_code).first() or make_region(
        province_code, "新疆", Level.PROVINCE, None
    )
    regions = {province.code: province}
    for city_index, county_index in shape:
        city_code = f"65{city_index + 1:02d}00"
        city = regions.get(city_code) or make_region(city_code, "市", Level.CITY, province)
        regions[city_code] = city
        if county_index:
            code = f"65{city_index + 1:02d}{county_index:02d}"
            if code not in regions:
                regions[code] = make_region(code, "县", Level.COUNTY, city)
    chosen = sorted(regions)[pick % len(regions)]
    scope = scope_for_region(regions[chosen])
    expected = {
        code
        for code, region in regions.items()
        if code == chosen or chosen in (region.province_code, region.city_code)
    }
    assert set(regions_within(scope).values_list("code", flat=True)) == expected
