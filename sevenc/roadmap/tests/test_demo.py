import datetime as dt

from sevenc.assessments.services import complete_assessment, create_assessment, record_response
from sevenc.clients.models import Client
from sevenc.roadmap.demo import seed_roadmaps
from sevenc.roadmap.models import RecommendationTemplate, RoadmapRun


def test_demo_roadmap_is_seeded_once_per_demo_client(msp, spec7c):
    client = Client.objects.create(msp=msp, name="Acme Dental Group", primary_contact_name="Dr. Maria Keller")
    assessment = create_assessment(client=client, title="2026 Q3", as_of=dt.date(2026, 9, 30))
    for n, item in enumerate(spec7c.items()):
        record_response(assessment=assessment, item_code=item.code, level=n % 3)
    complete_assessment(assessment=assessment)
    seed_roadmaps(msp)
    seed_roadmaps(msp)
    run = RoadmapRun.objects.get(client=client)
    assert RecommendationTemplate.objects.filter(msp=msp).count() == 139
    assert run.projection[-1]["itcq"] > run.current_itcq
    assert run.schedule and any(run.schedule.values())
