import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.roles import Capability, Role, capabilities_for
from regions.scoping import Scope
from reports import registry
from reports.base import Exporter
from reports.exporters.audit import AuditLogReport


@pytest.fixture
def isolated_registry(monkeypatch):
    monkeypatch.setattr(registry, "_exporters", dict(registry._exporters))


def _exporter(identifier):
    return type("Dummy", (Exporter,), {"identifier": identifier, "title": "Dummy"})


@pytest.mark.usefixtures("isolated_registry")
def test_registry_rejects_a_duplicate_identifier():
    with pytest.raises(ImproperlyConfigured, match="'audit' is used by both"):
        registry.register(_exporter("audit"))


@pytest.mark.usefixtures("isolated_registry")
@pytest.mark.parametrize("identifier", ["", "Audit", "审计", "a b", "../x"])
def test_registry_rejects_identifiers_that_are_not_ascii_slugs(identifier):
    with pytest.raises(ImproperlyConfigured):
        registry.register(_exporter(identifier))


def test_registering_the_same_class_twice_is_harmless():
    assert registry.register(AuditLogReport) is AuditLogReport


def test_get_returns_an_exporter_and_unknown_identifiers_raise_a_clear_key_error():
    assert isinstance(registry.get("audit"), AuditLogReport)
    with pytest.raises(KeyError) as excinfo:
        registry.get("nope")
    message = str(excinfo.value)
    assert message.startswith("There is no report 'nope' (known reports: ")
    assert "audit" in message.removesuffix(").").split("known reports: ")[1].split(", ")


def _scope(role):
    return Scope(region_code="340000", level=1, capabilities=capabilities_for(role))


def test_available_for_lists_only_reports_the_scope_may_run():
    assert [e.identifier for e in registry.available_for(_scope(Role.AUDIT_ADMIN))] == ["audit"]
    clerk_reports = [e.identifier for e in registry.available_for(_scope(Role.CLERK))]
    assert "audit" not in clerk_reports
    assert "coverage" in clerk_reports
    assert registry.available_for(None) == []
    assert AuditLogReport.capability == Capability.AUDIT_EXPORT
