"""`make loadtest`: requests per second of every public page type against a bare Django view."""
