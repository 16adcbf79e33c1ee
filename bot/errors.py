"""One exception tree for domain errors.

The edges map these to HTTP status codes (channels/) or to bot replies (actions/);
nothing inside bot/ knows about either.
"""


class RepairlineError(Exception):
    """Base for every error the domain raises on purpose."""


class InvalidInput(RepairlineError):
    """The caller sent something we cannot accept (empty, too long, malformed)."""


class NotFound(RepairlineError):
    """No such thing, or not one the caller may see (we do not say which)."""


class NotAllowed(RepairlineError):
    """The caller is not allowed to do this."""


class InvalidTransition(RepairlineError):
    """A repair cannot move from its current status to the one asked for."""


class PolicyError(RepairlineError):
    """The landlord's policy or data files are invalid."""


class Unavailable(RepairlineError):
    """A dependency (dialogue engine, database, provider) is not answering."""
