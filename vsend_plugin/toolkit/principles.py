"""The co-production principles a partnership rates itself on, and the survey's answer scale.

The principle keys are stored in responses, so they never change; the words
around them are the editors' to write.
"""

PRINCIPLES = {
    "act_early": "Act early with parent carers",
    "system_change": "Engage families in system change",
    "right_people": "Involve the right people",
    "get_started": "Get started",
}

RATINGS = range(0, 5)

DEFAULT_DESCRIPTORS = (
    "Not yet: we have not started on this",
    "Beginning: we have talked about it",
    "Developing: we do it some of the time",
    "Established: we do it most of the time",
    "Embedded: it is how we always work",
)

# The survey's five-point scale, in the order it is shown and counted.
AGREEMENT = {
    "strongly_agree": "Strongly agree",
    "agree": "Agree",
    "neither": "Neither agree nor disagree",
    "disagree": "Disagree",
    "strongly_disagree": "Strongly disagree",
}

# Case reviews: could help have come earlier, and from whom.
EARLIER_HELP = {
    "yes": "Yes",
    "no": "No",
    "unsure": "Not sure",
}

AGENCIES = {
    "education": "School, nursery or college",
    "health": "Health (including therapies and CAMHS)",
    "social_care": "Children's social care",
    "early_help": "Early help or family support",
    "send_team": "Council SEND team",
    "voluntary": "Voluntary or community sector",
    "other": "Another agency",
}
