"""Importing a recognition decision (CSV or XLSX) into the catalogue.

Three steps, each its own module, so the admin and the command line share every rule:
- `reader`: bytes -> validated `DecisionRow`s, or `ImportRejected` listing every problem;
- `plan`: rows -> what each row will create, update or leave unchanged (nothing written);
- `apply`: writes a plan in one transaction, with revisions, through moderation or published.
"""
