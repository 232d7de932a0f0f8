"""The load test's users, for Locust (run by ``run.py``; no Django in this process).

Each kind of user walks its journeys against one council's site, sending
that council's ``Host`` header to the site on 127.0.0.1. Every request is
named after its journey, so Locust's figures are per journey.

What the server acknowledged (a 201 from ``POST assessments/``, the
redirect after saving a needs mapping or a family's view) is written at once
to the acknowledgements file, one JSON line each, with a marker the
submission carries in its text; ``checks.py`` then looks for every one.

Environment (set by ``run.py``): ``VSEND_LOADTEST_PLAN`` (the plan
``scene.cast`` wrote), ``VSEND_LOADTEST_ACKNOWLEDGED`` (the file to append
to), ``VSEND_LOADTEST_COUNTS`` (``family=15,practitioner=15,...``: how
many users of each kind), ``VSEND_LOADTEST_ITERATIONS`` (the baseline's
rounds), ``VSEND_LOADTEST_TIMEOUT`` (seconds a request may take),
``VSEND_LOADTEST_THINK`` (``2-5``: the seconds, drawn between the two, a
person spends on a page before the next; the baseline does not wait).
"""

import itertools
import json
import os
import random
import threading
import uuid

import gevent
from locust import HttpUser, between, events, task
from locust.clients import HttpSession
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["VSEND_LOADTEST_PLAN"]).read())  # noqa: SIM115
ACKNOWLEDGED = os.environ.get("VSEND_LOADTEST_ACKNOWLEDGED", os.devnull)
TIMEOUT = float(os.environ.get("VSEND_LOADTEST_TIMEOUT", "30"))
COUNTS = dict(
    (kind, int(count))
    for kind, count in (
        item.split("=") for item in os.environ.get("VSEND_LOADTEST_COUNTS", "").split(",") if item
    )
)
ITERATIONS = int(os.environ.get("VSEND_LOADTEST_ITERATIONS", "5"))
THINK = tuple(float(s) for s in os.environ.get("VSEND_LOADTEST_THINK", "2-5").split("-"))
STATS = os.environ.get("VSEND_LOADTEST_STATS", os.devnull)
#: Requests of the baseline's first round carry this before their name, and are not counted.
WARM_UP = "warm-up "

_lock = threading.Lock()
_next_account = {kind: itertools.count() for kind in ("practitioners", "parents", "officers")}
_next_account["partners"] = itertools.count()


def acknowledge(kind, marker, **details):
    with _lock, open(ACKNOWLEDGED, "a") as file:
        file.write(json.dumps({"kind": kind, "marker": marker, **details}) + "\n")
        file.flush()


def account(kind):
    accounts = PLAN[kind]
    return accounts[next(_next_account[kind]) % len(accounts)]


def new_marker():
    return f"load-{uuid.uuid4().hex}"


class Journeys:
    """One person's journeys on one council's site, through ``client`` (a Locust session)."""

    def __init__(self, client, council):
        self.client, self.council = client, PLAN["councils"][council]
        self.rng = random.Random()
        self.warming_up = False
        self.thinking = True

    def think(self):
        """A person reads the page before the next; the single user does not wait."""
        if self.thinking:
            gevent.sleep(self.rng.uniform(*THINK))

    def request(self, method, path, name, **options):
        if self.warming_up:
            name = WARM_UP + name
        headers = {"Host": self.council["host"], **options.pop("headers", {})}
        return self.client.request(
            method,
            path,
            name=name,
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
            catch_response=True,
            **options,
        )

    @staticmethod
    def answered(response):
        """What a response said, for an error: its status, or why there was none."""
        if response.status_code == 0:
            return f"no answer ({type(response.error).__name__}: {str(response.error)[:120]})"
        return str(response.status_code)

    def csrf_headers(self):
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    def sign_in(self, username, name):
        self.client.cookies.clear()  # a browser of its own: signed in already is redirected
        with self.request("GET", "/sign-in/", f"{name}: sign-in page") as response:
            if response.status_code != 200:
                response.failure(f"sign-in page answered {self.answered(response)}")
                return False
        self.think()
        data = {"username": username, "password": PLAN["password"]}
        with self.request(
            "POST", "/sign-in/", f"{name}: sign in", data=data, headers=self.csrf_headers()
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {self.answered(response)}, not a redirect")
                return False
        return True

    def start(self):
        """Before the first round: sign in, if this person does."""

    def round(self):
        """One round of this person's journeys."""


class FamilyJourneys(Journeys):
    """Anyone: searches the local offer, then reads a service."""

    def round(self):
        query = self.rng.choice(self.council["searches"])
        with self.request(
            "GET", "/local-offer/", "family: search", params={"q": query}
        ) as response:
            if response.status_code != 200:
                response.failure(f"search answered {self.answered(response)}")
        self.think()
        if self.council["services"]:
            path = self.rng.choice(self.council["services"])
            with self.request("GET", path, "family: service page") as response:
                if response.status_code != 200:
                    response.failure(f"service page answered {self.answered(response)}")


class PractitionerJourneys(Journeys):
    """Signs in, then records needs mappings: through the question pages and through the API."""

    def __init__(self, client, person):
        super().__init__(client, person["council"])
        self.person = person

    def start(self):
        self.signed_in = self.sign_in(self.person["username"], "practitioner")

    def round(self):
        if not self.signed_in:
            self.start()
            return
        self.record_by_steps()
        self.think()
        self.record_through_the_api()

    def record_by_steps(self):
        form, child = self.council["form"], self.person["child"]
        marker = new_marker()
        for step in form["steps"]:
            answers = dict(step["answers"])
            if form["marker_field"] in answers:
                answers[form["marker_field"]] = f"{answers[form['marker_field']]} {marker}"
            with self.request(
                "POST",
                f"/children/{child}/assess/{step['slug']}/",
                "practitioner: form step",
                data=answers,
                headers=self.csrf_headers(),
            ) as response:
                if response.status_code != 302:
                    response.failure(f"step {step['slug']} answered {self.answered(response)}")
                    return
            self.think()
        with self.request(
            "POST",
            f"/children/{child}/assess/check-your-answers/",
            "practitioner: form save",
            data={"form_version": form["version"]},
            headers=self.csrf_headers(),
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and "/assess/" not in location:
                acknowledge("form", marker, child=child, location=location)
            else:
                response.failure(f"saving answered {self.answered(response)} {location}")

    def record_through_the_api(self):
        marker = new_marker()
        body = {
            "child": self.person["child"],
            **self.council["ratings"],
            "strengths": f"Synthetic strengths {marker}",
            "aspirations": "Synthetic aspirations.",
        }
        with self.request(
            "POST",
            "/api/vsend/v1/assessments/",
            "practitioner: API assessment",
            json=body,
            headers={"Authorization": f"Token {self.person['token']}"},
        ) as response:
            if response.status_code == 201:
                acknowledge("api", marker, id=response.json()["id"], child=self.person["child"])
            else:
                response.failure(f"POST assessments/ answered {self.answered(response)}")


class ParentJourneys(Journeys):
    """A parent carer signs in and adds their view to their child's latest assessment."""

    def __init__(self, client, person):
        super().__init__(client, person["council"])
        self.person = person

    def start(self):
        self.signed_in = self.sign_in(self.person["username"], "parent")

    def round(self):
        if not self.signed_in:
            self.start()
            return
        form, child = self.council["family_form"], self.person["child"]
        path = f"/children/{child}/family-view/"
        with self.request("GET", path, "parent: family view page") as response:
            if response.status_code != 200:
                response.failure(f"family view page answered {self.answered(response)}")
                return
        self.think()
        marker = new_marker()
        answers = {**form["answers"], "form_version": form["version"]}
        answers[form["marker_field"]] = f"{answers[form['marker_field']]} {marker}"
        with self.request(
            "POST", path, "parent: add family view", data=answers, headers=self.csrf_headers()
        ) as response:
            if response.status_code == 302:
                acknowledge("family", marker, child=child)
            else:
                response.failure(f"adding a view answered {self.answered(response)}")


class OfficerJourneys(Journeys):
    """A SEND officer signs in and reads the benchmarking dashboard."""

    def __init__(self, client, person):
        super().__init__(client, person["council"])
        self.person = person

    def start(self):
        self.signed_in = self.sign_in(self.person["username"], "officer")

    def round(self):
        if not self.signed_in:
            self.start()
            return
        with self.request("GET", "/admin/benchmarking/", "officer: dashboard") as response:
            if response.status_code != 200:
                response.failure(f"dashboard answered {self.answered(response)}")


class PartnerJourneys(Journeys):
    """Another organisation's systems: benchmarks with a partner token, and Open Referral UK."""

    def __init__(self, client, person):
        super().__init__(client, person["council"])
        self.person = person

    def round(self):
        by = self.rng.choice(["council", "locality", "setting", "band"])
        with self.request(
            "GET",
            "/api/vsend/v1/benchmarks/",
            "partner: benchmarks API",
            params={"by": by},
            headers={"Authorization": f"Token {self.person['key']}"},
        ) as response:
            if response.status_code != 200:
                response.failure(f"benchmarks answered {self.answered(response)}")
        self.think()
        with self.request(
            "GET", "/api/oruk/services/", "partner: ORUK services", params={"page": 1}
        ) as response:
            if response.status_code != 200:
                response.failure(f"ORUK services answered {self.answered(response)}")


#: Each kind of user: its journeys and the accounts it takes one of (``None``: anonymous).
KINDS = {
    "family": (FamilyJourneys, None),
    "practitioner": (PractitionerJourneys, "practitioners"),
    "parent": (ParentJourneys, "parents"),
    "officer": (OfficerJourneys, "officers"),
    "partner": (PartnerJourneys, "partners"),
}


def journeys_for(kind, client):
    journeys_class, accounts = KINDS[kind]
    if accounts is None:
        council = random.choice(sorted(PLAN["councils"]))
        return journeys_class(client, council)
    return journeys_class(client, account(accounts))


class LoadUser(HttpUser):
    abstract = True
    host = "http://127.0.0.1"
    wait_time = between(*THINK)
    kind = None

    def on_start(self):
        self.journeys = journeys_for(self.kind, self.client)
        self.journeys.start()

    @task
    def one_round(self):
        self.journeys.round()


def user_class(kind):
    return type(
        f"{kind.title()}User",
        (LoadUser,),
        {"kind": kind, "fixed_count": COUNTS.get(kind, 0), "__module__": __name__},
    )


FamilyUser = user_class("family")
PractitionerUser = user_class("practitioner")
ParentUser = user_class("parent")
OfficerUser = user_class("officer")
PartnerUser = user_class("partner")


class BaselineUser(HttpUser):
    """One user alone, each kind of journey in turn, ``ITERATIONS`` rounds each, then stops.

    Its medians are the single-user figures the load run is held to. Each kind
    has a session of its own, as a separate person would.
    """

    host = "http://127.0.0.1"
    wait_time = between(0, 0)
    fixed_count = 1

    @task
    def every_journey(self):
        for kind in KINDS:
            session = HttpSession(
                base_url=self.host, request_event=self.environment.events.request, user=self
            )
            journeys = journeys_for(kind, session)
            journeys.thinking = False
            journeys.warming_up = True
            journeys.start()
            journeys.round()
            journeys.warming_up = False
            for _ in range(ITERATIONS):
                journeys.start()  # signing in again is timed too
                journeys.round()
        self.environment.runner.quit()
        raise StopUser()


def figures(entry):
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.5) if entry.num_requests else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
        "rps": entry.total_rps,
    }


@events.quitting.add_listener
def write_figures(environment, **kwargs):
    """Per journey and in all, once Locust stops: ``run.py`` reads them."""
    stats = environment.stats
    journeys = {
        name: figures(entry)
        for (name, _), entry in sorted(stats.entries.items())
        if not name.startswith(WARM_UP)
    }
    failures = [
        {"name": error.name, "error": str(error.error)[:300], "count": error.occurrences}
        for error in stats.errors.values()
        if not error.name.startswith(WARM_UP)
    ]
    total = {
        "requests": sum(journey["requests"] for journey in journeys.values()),
        "errors": sum(journey["errors"] for journey in journeys.values()),
        "rps": sum(journey["rps"] for journey in journeys.values()),
    }
    with open(STATS, "w") as file:
        json.dump({"journeys": journeys, "total": total, "failures": failures}, file)
