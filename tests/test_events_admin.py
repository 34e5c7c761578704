"""Events in the researchers' admin, used as Researchers and Editors use it: the list, the form and its rules, the
rule that an event is published only with a source, history and recover, and the events on an initiative's page."""

import pytest
from django.urls import reverse
from reversion.models import Version

from activism.models import Event, PublicationStatus

from .conftest import (
    change_url,
    fill_form,
    form_errors,
    list_messages,
    make_city,
    make_event,
    make_initiative,
    make_region,
    make_theme,
    queries_for,
    run_action,
    save_through_admin,
    sources_errors,
    submit_form,
    with_source,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:activism_event_add")
LIST_URL = reverse("admin:activism_event_changelist")


@pytest.fixture
def places(db):
    almaty_region = make_region("Almaty Region")
    mangystau = make_region("Mangystau")
    return {
        "almaty_region": almaty_region,
        "mangystau": mangystau,
        "almaty": make_city("Almaty", almaty_region),
        "zhanaozen": make_city("Zhanaozen", mangystau, "43.34", "52.86"),
    }


def new_event(**changes):
    """What a researcher types into the add page for a new event (a place still to give)."""
    return {
        "title_en": "Picket for clean air",
        "slug": "picket-for-clean-air",
        "summary_en": "Residents asked for a filter at the power plant.",
        "date": "2019-06-12",
        "date_precision": "day",
        "kind": "solo_picket",
        **changes,
    }


def field_errors(response):
    assert response.status_code == 200, response.status_code
    return response.context["adminform"].form.errors


# Adding and changing events


def test_a_researcher_adds_an_event_with_its_source_and_submits_it_for_review(researcher, places):
    initiative = make_initiative("Clean Air Almaty")
    page = researcher.get(ADD_URL)
    choices = [value for value, _label in page.context["adminform"].form.fields["publication_status"].choices]
    assert choices == ["draft", "review"]
    changes = new_event(
        city=str(places["almaty"].pk),
        initiatives=[str(initiative.pk)],
        publication_status="review",
        **with_source(),
    )
    response = researcher.post(*fill_form(page, changes))
    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get(slug="picket-for-clean-air")
    assert event.publication_status == PublicationStatus.REVIEW
    assert event.region == places["almaty_region"]  # filled from the city
    assert list(event.initiatives.all()) == [initiative]
    assert [source.title for source in event.sources.all()] == ["Report in the press"]
    # Saved in the history with its source.
    version = Version.objects.get_for_object(event).get()
    assert Version.objects.filter(revision=version.revision, content_type__model="eventsource").count() == 1


@pytest.mark.parametrize("status", ["published", "archived"])
def test_a_researcher_cannot_publish_an_event_even_by_crafting_the_request(researcher, places, status):
    changes = new_event(city=str(places["almaty"].pk), publication_status=status, **with_source())
    response = submit_form(researcher, ADD_URL, changes)
    assert "publication_status" in field_errors(response)
    assert not Event.objects.exists()
    draft = make_event("Quiet picket", published=False, city=places["almaty"])
    assert submit_form(researcher, change_url(draft), {"publication_status": status}).status_code == 200
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT
    run_action(researcher, Event, "publish", [draft])
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT


def test_a_researcher_cannot_change_a_published_event(researcher, places):
    public = make_event("Public march", city=places["almaty"])
    page = researcher.get(change_url(public))
    assert page.status_code == 200 and not page.context["has_delete_permission"]
    # A save becomes a change for review (tests/test_pending_changes.py): the event stays as published.
    assert submit_form(researcher, change_url(public), {"summary_en": "Changed."}, page=page).status_code == 302
    public.refresh_from_db()
    assert public.summary_en != "Changed."


def test_the_change_page_links_to_the_preview_until_published(editor, places):
    draft = make_event("Coming march", published=False, city=places["almaty"])
    assert draft.get_preview_url() in editor.get(change_url(draft)).content.decode()
    public = make_event("Past march", city=places["almaty"])
    content = editor.get(change_url(public)).content.decode()
    assert public.get_absolute_url() in content and public.get_preview_url() not in content


def test_a_similar_title_is_flagged_before_saving(editor, places):
    existing = make_event("March for clean air in Almaty", city=places["almaty"])
    changes = new_event(title_en="March for clean air in Almaty!", slug="march-2", city=str(places["almaty"].pk))
    warned = submit_form(editor, ADD_URL, changes)
    errors = str(warned.context["adminform"].form.non_field_errors())
    assert "similar title" in errors and change_url(existing) in errors
    assert Event.objects.count() == 1
    saved = submit_form(editor, ADD_URL, changes | {"save_despite_similar": "on"})
    assert saved.status_code == 302, form_errors(saved)
    assert Event.objects.count() == 2


def test_the_second_of_two_concurrent_saves_is_refused(editor, places):
    event = make_event("Shared picket", published=False, city=places["almaty"])
    first_tab = editor.get(change_url(event))
    second_tab = editor.get(change_url(event))
    assert editor.post(*fill_form(first_tab, {"summary_en": "Saved first."})).status_code == 302
    refused = editor.post(*fill_form(second_tab, {"summary_en": "Saved second."}))
    assert "Someone else saved this record" in str(refused.context["adminform"].form.non_field_errors())
    event.refresh_from_db()
    assert event.summary_en == "Saved first."


# The form's rules, each shown on its field


def test_an_end_date_before_the_date_is_an_error_on_the_end_date(researcher, places):
    changes = new_event(city=str(places["almaty"].pk), end_date="2019-06-10")
    assert "end_date" in field_errors(submit_form(researcher, ADD_URL, changes))
    assert not Event.objects.exists()
    # Known to the month, the event began on any day of June: an end on 10 June is fine.
    changes |= {"date_precision": "month"}
    assert submit_form(researcher, ADD_URL, changes).status_code == 302
    assert Event.objects.get().date.isoformat() == "2019-06-01"


def test_a_city_outside_the_chosen_region_is_an_error_on_the_region(researcher, places):
    changes = new_event(city=str(places["almaty"].pk), region=str(places["mangystau"].pk))
    errors = field_errors(submit_form(researcher, ADD_URL, changes))
    assert "Almaty is in Almaty Region, not in Mangystau" in str(errors["region"])
    assert not Event.objects.exists()
    changes["region"] = str(places["almaty_region"].pk)
    assert submit_form(researcher, ADD_URL, changes).status_code == 302


@pytest.mark.parametrize(
    "place",
    [{"region": "mangystau"}, {"is_nationwide": "on"}, {"is_online": "on"}],
    ids=["region only", "nationwide", "online"],
)
def test_an_event_needs_a_place_of_some_kind(researcher, places, place):
    errors = field_errors(submit_form(researcher, ADD_URL, new_event()))
    assert "Say where it happened" in str(errors["city"])
    assert not Event.objects.exists()
    place = {name: str(places[value].pk) if name == "region" else value for name, value in place.items()}
    response = submit_form(researcher, ADD_URL, new_event(**place))
    assert response.status_code == 302, form_errors(response)


def test_an_event_without_themes_takes_its_initiatives_themes(researcher, places):
    ecology, labour, women = make_theme("Ecology"), make_theme("Labour"), make_theme("Women")
    air = make_initiative("Clean Air", themes=[ecology])
    union = make_initiative("Oil Workers", themes=[labour, ecology])
    changes = new_event(city=str(places["almaty"].pk), initiatives=[str(air.pk), str(union.pk)])
    assert submit_form(researcher, ADD_URL, changes).status_code == 302
    event = Event.objects.get()
    assert set(event.themes.all()) == {ecology, labour}
    # The themes the initiatives have are named on the page; a theme chosen by hand is kept as chosen.
    page = researcher.get(change_url(event))
    help_text = str(page.context["adminform"].form.fields["themes"].help_text)
    assert "Ecology" in help_text and "Labour" in help_text and "Women" not in help_text
    save_through_admin(researcher, event, themes=[str(women.pk)])
    assert list(event.themes.all()) == [women]


def test_an_event_of_a_sensitive_initiative_must_be_sensitive_itself(researcher, places):
    strike = make_initiative("Oil Workers", cities=[places["zhanaozen"]], is_sensitive=True)
    changes = with_source(**new_event(city=str(places["zhanaozen"].pk), initiatives=[str(strike.pk)]))
    errors = field_errors(submit_form(researcher, ADD_URL, changes))
    assert "sensitive initiative (Oil Workers)" in str(errors["is_sensitive"])
    assert not Event.objects.exists()
    assert submit_form(researcher, ADD_URL, {**changes, "is_sensitive": "on"}).status_code == 302
    assert Event.objects.get().is_sensitive


# Published only with a source


def test_an_editor_cannot_publish_an_event_without_a_source(editor, places):
    draft = make_event("Unsourced rally", published=False, sources=0, city=places["almaty"])
    refused = submit_form(editor, change_url(draft), {"publication_status": "published"})
    assert "without at least one source" in sources_errors(refused)
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT
    # The source added in the same save counts.
    save_through_admin(editor, draft, publication_status="published", **with_source())
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.PUBLISHED
    assert draft.sources.count() == 1


def test_a_new_event_is_published_with_the_source_given_on_the_add_page(editor, places):
    changes = new_event(city=str(places["almaty"].pk), publication_status="published")
    assert "without at least one source" in sources_errors(submit_form(editor, ADD_URL, changes))
    assert not Event.objects.exists()
    response = submit_form(editor, ADD_URL, changes | with_source())
    assert response.status_code == 302, form_errors(response)
    assert Event.objects.published().count() == 1


def test_the_last_source_of_a_published_event_cannot_be_deleted(editor, places):
    public = make_event("Sourced rally", city=places["almaty"], sources=2)
    first, second = public.sources.order_by("pk")
    refused = submit_form(editor, change_url(public), {"sources-0-DELETE": "on", "sources-1-DELETE": "on"})
    assert "without at least one source" in sources_errors(refused)
    assert public.sources.count() == 2
    save_through_admin(editor, public, **{"sources-0-DELETE": "on"})
    assert public.sources.count() == 1
    # Returned to draft, it may lose its last source.
    save_through_admin(editor, public, publication_status="draft", **{"sources-0-DELETE": "on"})
    assert public.sources.count() == 0


def test_the_publish_action_names_each_event_it_refuses_and_publishes_the_others(editor, places):
    sourced = make_event("Sourced picket", published=False, city=places["almaty"])
    unsourced = make_event("Unsourced picket", published=False, sources=0, city=places["almaty"])
    response = run_action(editor, Event, "publish", [sourced, unsourced])
    sourced.refresh_from_db()
    unsourced.refresh_from_db()
    assert sourced.publication_status == PublicationStatus.PUBLISHED
    assert unsourced.publication_status == PublicationStatus.DRAFT
    shown = " ".join(list_messages(editor.get(response["Location"])))
    assert "“Unsourced picket”: An event cannot be published without at least one source" in shown
    assert "“Sourced picket”" not in shown.split("left as it was")[-1]


def revision_url(record, version):
    return reverse("admin:activism_event_revision", args=[record.pk, version.pk])


def test_restoring_a_version_without_sources_of_a_published_event_is_refused(researcher, editor, places):
    draft_changes = new_event(city=str(places["almaty"].pk))
    assert submit_form(researcher, ADD_URL, draft_changes).status_code == 302
    event = Event.objects.get()
    save_through_admin(editor, event, publication_status="published", summary_en="Sourced.", **with_source())
    unsourced = Version.objects.get_for_object(event).order_by("pk").first()
    refused = submit_form(editor, revision_url(event, unsourced))
    assert "without at least one source" in sources_errors(refused)
    event.refresh_from_db()
    assert (event.summary_en, event.sources.count()) == ("Sourced.", 1)
    assert event.publication_status == PublicationStatus.PUBLISHED
    # Restoring it with a source added on the page is fine: it stays published.
    assert submit_form(editor, revision_url(event, unsourced), with_source()).status_code == 302
    event.refresh_from_db()
    assert event.summary_en == draft_changes["summary_en"]
    assert event.publication_status == PublicationStatus.PUBLISHED


def test_a_deleted_event_is_recovered_as_a_draft_and_published_only_with_a_source(editor, places):
    event = make_event("Deleted rally", published=False, sources=0, city=places["almaty"])
    save_through_admin(editor, event, summary_en="Last text.")
    assert submit_form(editor, reverse("admin:activism_event_delete", args=[event.pk])).status_code == 302
    deleted = Version.objects.get_deleted(Event).get()
    recover_url = reverse("admin:activism_event_recover", args=[deleted.pk])
    refused = submit_form(editor, recover_url, {"publication_status": "published"})
    assert "without at least one source" in sources_errors(refused)
    assert not Event.objects.exists()
    assert submit_form(editor, recover_url).status_code == 302
    recovered = Event.objects.get()
    assert (recovered.summary_en, recovered.publication_status) == ("Last text.", PublicationStatus.DRAFT)


def test_restoring_brings_back_the_sources_of_that_version(editor, places):
    event = make_event("Rally with sources", published=False, city=places["almaty"])
    save_through_admin(editor, event, summary_en="With its first source.")
    save_through_admin(editor, event, **{"sources-0-title": "Renamed source"})
    first = Version.objects.get_for_object(event).order_by("pk").first()
    assert submit_form(editor, revision_url(event, first)).status_code == 302
    assert [source.title for source in event.sources.all()] == ["Report 1 on Rally with sources"]


# The list


def test_the_list_shows_date_at_its_precision_kind_place_initiatives_and_state(editor, places):
    union = make_initiative("Oil Workers")
    make_event("Strike", date="2011-05-01", date_precision="month", city=places["zhanaozen"], initiatives=[union])
    make_event("Hidden picket", date="2019-06-12", city=places["zhanaozen"], is_sensitive=True, published=False)
    make_event("Online petition", date="2020-01-01", date_precision="year", is_online=True)
    make_event("National law", date="2020-05-25", is_nationwide=True)
    content = editor.get(LIST_URL).content.decode()
    for shown in ["May 2011", "12 June 2019", "2020", "25 May 2020", "Oil Workers", "Zhanaozen", "Mangystau"]:
        assert shown in content
    assert "Online" in content and "Nationwide" in content and "Draft" in content
    rows = {event.title: event for event in editor.get(LIST_URL).context["cl"].result_list}
    assert rows.keys() == {"Strike", "Hidden picket", "Online petition", "National law"}


def test_the_list_issues_the_same_number_of_queries_for_more_events(editor, places):
    def add(count, start):
        union = make_initiative(f"Union {start}")
        for number in range(start, start + count):
            make_event(f"Rally {number}", city=places["almaty"], initiatives=[union])

    add(3, 0)
    few = queries_for(editor, LIST_URL)
    add(40, 100)
    assert queries_for(editor, LIST_URL) == few


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"kind": "detention"}, {"Detention 2016"}),
        ({"year": "2019"}, {"Rally 2019"}),
        ({"year": "2016"}, {"Detention 2016"}),
        ({"year": "abc"}, set()),
        ({"year": "99999"}, set()),
        ({"year": "0"}, set()),
        ({"region__id__exact": "mangystau"}, {"Detention 2016"}),
        ({"publication_status__exact": "draft"}, {"Draft 2022"}),
        ({"q": "detention"}, {"Detention 2016"}),
        ({"date__year": "2022"}, {"Draft 2022"}),
    ],
)
def test_the_list_filters_by_kind_year_region_and_state(editor, places, query, expected):
    make_event("Rally 2019", date="2019-06-12", city=places["almaty"])
    make_event("Detention 2016", date="2016-05-21", kind="detention", city=places["zhanaozen"])
    make_event("Draft 2022", date="2022-01-05", published=False, is_nationwide=True)
    if "region__id__exact" in query:
        query = {"region__id__exact": str(places[query["region__id__exact"]].pk)}
    response = editor.get(LIST_URL, query)
    assert response.status_code == 200
    assert {event.title for event in response.context["cl"].result_list} == expected


def test_the_year_filter_offers_the_years_that_have_events(editor, places):
    make_event("Rally 2019", date="2019-06-12", city=places["almaty"])
    make_event("Detention 2016", date="2016-05-21", city=places["almaty"])
    content = editor.get(LIST_URL).content.decode()
    assert "?year=2019" in content and "?year=2016" in content and "?year=2017" not in content


def test_the_autocompletes_find_initiatives_cities_regions_and_themes(editor, places):
    make_initiative("Oil Workers")
    make_theme("Labour")
    for model, term, name in [
        ("initiative", "oil", "Oil Workers"),
        ("city", "zhana", "Zhanaozen"),
        ("region", "mangy", "Mangystau"),
        ("theme", "lab", "Labour"),
    ]:
        field = {"city": "city", "region": "region", "theme": "themes", "initiative": "initiatives"}[model]
        response = editor.get(
            reverse("admin:autocomplete"),
            {"term": term, "app_label": "activism", "model_name": "event", "field_name": field},
        )
        assert response.status_code == 200, (model, response.status_code)
        assert [result["text"] for result in response.json()["results"]] == [name]


# The events on an initiative's page


def test_the_initiative_page_lists_its_latest_events_with_links(editor, places):
    union = make_initiative("Oil Workers", published=False)
    other = make_initiative("Other Union")
    events = [
        make_event(f"Strike day {day}", date=f"2011-05-{day:02d}", city=places["zhanaozen"], initiatives=[union])
        for day in range(1, 26)
    ]
    make_event("Someone else's rally", city=places["almaty"], initiatives=[other])
    page = editor.get(change_url(union))
    content = page.content.decode()
    assert "Strike day 25" in content and "Strike day 6" in content and "Strike day 5<" not in content
    assert change_url(events[-1]) in content and "25 May 2011" in content
    assert "Someone else" not in content
    assert "The latest 20 of 25 events" in content
    all_of_them = f"{LIST_URL}?initiatives__id__exact={union.pk}"
    assert all_of_them in content
    listed = editor.get(all_of_them)
    assert listed.status_code == 200 and len(listed.context["cl"].result_list) == 25
    # The list sends nothing back that could change the events: the initiative saves as before.
    save_through_admin(editor, union, summary_en="Changed with its events shown.")
    assert Event.objects.filter(initiatives=union).count() == 25
    assert all(event.title.startswith("Strike day") for event in Event.objects.filter(initiatives=union))


def test_the_initiative_page_issues_the_same_queries_with_more_events(editor, places):
    union = make_initiative("Oil Workers")
    for day in range(1, 4):
        make_event(f"Strike day {day}", date=f"2011-05-{day:02d}", city=places["zhanaozen"], initiatives=[union])
    few = queries_for(editor, change_url(union))
    for day in range(4, 29):
        make_event(f"Strike day {day}", date=f"2011-05-{day:02d}", city=places["zhanaozen"], initiatives=[union])
    assert queries_for(editor, change_url(union)) == few


def test_a_researcher_sees_the_events_of_an_initiative_but_cannot_change_them_there(researcher, places):
    union = make_initiative("Oil Workers", published=False)
    make_event("Strike", city=places["zhanaozen"], initiatives=[union])
    page = researcher.get(change_url(union))
    assert "Strike" in page.content.decode()
    save_through_admin(researcher, union, summary_en="Still a draft.")
    assert Event.objects.get().initiatives.get() == union
