from fastapi.testclient import TestClient

from plankg.api.app import create_app


def test_health_counts_the_loaded_plan():
    with TestClient(create_app()) as client:
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["backend"] == "memory"
    assert (body["plans"], body["tasks"], body["indicators"]) == (1, 45, 70)
