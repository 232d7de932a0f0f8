"""The support plan's pages, one module a part of the journey.

- :mod:`.base`: finding the child and their plan, who may change it, saving a change;
- :mod:`.plan`: the plan and its road to adulthood, for practitioners and officers,
  and in their own words for the family;
- :mod:`.editing`: the practitioner's pages to add, change and remove support and
  outcomes, and to plan provision towards adulthood;
- :mod:`.family`: the family's hopes added to the plan;
- :mod:`.review`: reviewing open outcomes once a new needs mapping is recorded.
"""
