from types import SimpleNamespace

from django.urls import reverse

from sevenc.roadmap.tests.url_samples import SAMPLES


def test_every_planning_url_parameter_has_a_sample_of_the_victim_client(
    client, vcio, outsider, client_co, completed_assessment
):
    world = SimpleNamespace(client=client_co, completed=completed_assessment)
    urls = [
        reverse("goals_targets", args=[SAMPLES["workshop_pk"](world)]),
        reverse("goals_goal_delete", args=[SAMPLES["goal_pk"](world)]),
        reverse("roadmap_recommendation", args=[SAMPLES["recommendation_pk"](world)]),
        reverse("roadmap_approve", args=[SAMPLES["run_pk"](world)]),
    ]
    client.force_login(outsider)
    assert [client.post(url).status_code for url in urls] == [404, 404, 404, 404]
    client.force_login(vcio)
    assert client.get(urls[2]).status_code == 200
