"""Property-based run over the OpenAPI schema (schemathesis): no request the schema allows gets a 5xx.

Bounded: :data:`EXAMPLES` generated requests per operation, derandomised, on
the analysed demo corpus.  Every answer must also have the one error shape
when it is an error.
"""

from __future__ import annotations

from typing import Any

import pytest

from _webstore import build_demo

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from dossier.api import Settings, create_app  # noqa: E402
from dossier.store import Store  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow]

#: Generated requests per operation (there are about 25 operations).
EXAMPLES = 30


def test_no_server_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = build_demo(tmp_path_factory.mktemp("fuzz") / "demo.db")
    app = create_app(Store(url), Settings(token="fuzz-token-123", max_upload_bytes=64 * 1024))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    problems: list[str] = []
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def run(case: Any) -> None:
            nonlocal calls
            response = case.call()
            calls += 1
            if response.status_code >= 500:
                problems.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")
            elif response.status_code >= 400:
                body = response.json()
                if set(body) != {"error", "message", "hint"}:
                    problems.append(f"{case.method} {case.formatted_path}: error shape {body}")

        run()
    print(f"schemathesis: {calls} requests over {len(operations)} operations")
    assert not problems, "\n".join(problems[:20])
