"""The REST API's plumbing: its assembly (`v1`), authentication, pagination, id types and
the one shape of a refused request. Each app's endpoints live in that app's `api.py`."""
