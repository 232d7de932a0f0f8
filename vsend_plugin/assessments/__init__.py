"""Children, assessments, family contributions, history, PDF summaries and the access audit log."""
