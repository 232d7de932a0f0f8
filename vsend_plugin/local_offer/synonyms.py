"""Words families use for the same thing, so a search for one finds services that say another.

vsend ships the groups below; each council adds its own in the admin
(**Local offer > Search synonyms**), for local names of services, teams and
places. A word or phrase in a search is widened to every term of each group
it belongs to; groups are not chained through one another.

The council's groups are read through the app registry, not imported:
:mod:`.models` builds on the search, which builds on this module.
"""

from django.apps import apps

DEFAULT_SYNONYMS = (
    (
        "autism",
        "autistic",
        "ASD",
        "ASC",
        "autism spectrum disorder",
        "autism spectrum condition",
        "autistic spectrum",
        "asperger",
        "aspergers",
    ),
    (
        "ADHD",
        "ADD",
        "attention deficit",
        "attention deficit hyperactivity disorder",
        "attention",
        "hyperactivity",
        "concentration",
    ),
    (
        "dyslexia",
        "dyslexic",
        "SpLD",
        "specific learning difficulty",
        "specific learning difficulties",
        "reading",
        "spelling",
    ),
    ("dyspraxia", "DCD", "developmental coordination disorder", "coordination", "motor skills"),
    ("dyscalculia", "maths", "numbers", "numeracy"),
    (
        "deaf",
        "hearing",
        "hearing impairment",
        "hearing impaired",
        "hearing loss",
        "hard of hearing",
        "BSL",
        "British Sign Language",
        "sign language",
    ),
    ("blind", "visual impairment", "visually impaired", "vision", "sight", "sight loss", "braille"),
    (
        "EHCP",
        "EHC plan",
        "EHC plans",
        "education health and care plan",
        "education, health and care plan",
        "EHC needs assessment",
        "statement",
    ),
    (
        "speech",
        "language",
        "SLT",
        "SaLT",
        "speech and language",
        "speech and language therapy",
        "speech therapy",
        "speech therapist",
        "talking",
    ),
    ("therapy", "therapist", "therapies"),
    (
        "anxiety",
        "anxious",
        "worry",
        "worries",
        "emotional wellbeing",
        "wellbeing",
        "mental health",
        "SEMH",
        "social emotional and mental health",
        "stress",
    ),
    ("physiotherapy", "physio", "physiotherapist"),
    ("occupational therapy", "OT", "occupational therapist"),
    ("sensory", "sensory processing", "sensory needs"),
    ("short breaks", "respite", "short break"),
    (
        "learning disability",
        "learning disabilities",
        "learning difficulty",
        "learning difficulties",
        "MLD",
        "SLD",
        "PMLD",
        "cognition and learning",
    ),
    ("wheelchair", "physical disability", "mobility", "accessible"),
    ("SENCO", "SENCo", "special educational needs coordinator"),
    ("SEND", "special educational needs", "SEN", "disabilities", "disabled", "disability"),
    ("parent carer", "parent", "parents", "carer", "carers", "family", "families"),
    ("young people", "young person", "teenager", "teenagers", "teens", "youth"),
    ("preparing for adulthood", "PfA", "adulthood", "independence", "independent living"),
    ("employment", "job", "jobs", "work", "supported internship", "internship"),
    ("travel training", "independent travel", "transport", "travel"),
    ("epilepsy", "seizures"),
    ("Down syndrome", "Down's syndrome", "Downs syndrome"),
    ("toileting", "continence", "toilet training"),
    ("sleep", "sleeping", "bedtime"),
    ("eating", "feeding", "food"),
    ("tribunal", "appeal", "appeals", "mediation"),
    ("advice", "information", "support", "help", "SENDIASS", "IASS"),
)


def council_synonym_groups(council):
    """The synonym groups a council's editors added, each a tuple of terms."""
    if council is None:
        return ()
    synonyms = apps.get_model("vsend_local_offer", "SearchSynonym").objects.filter(council=council)
    return tuple(synonym.term_list for synonym in synonyms)


def synonym_groups(council=None):
    """vsend's groups and the council's own."""
    return DEFAULT_SYNONYMS + council_synonym_groups(council)
