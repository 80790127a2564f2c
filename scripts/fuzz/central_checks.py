"""schemathesis checks of our own for the centre (loaded by scripts/fuzz-central.sh).

refused_request_stores_nothing: a request the centre refused (4xx) must leave every stored record
as it was. Before each call the legal records are fingerprinted through psql (the PG* variables
name the centre's database); after a refused call they must fingerprint the same. The dashboard's
read tables (ov_*) are left out: a projector fills them after earlier, accepted pushes, whenever
it runs. Requests run one at a time (-w 1), so "before" is this request's own.
"""
import os
import subprocess

import schemathesis

# What a request can store: key and state columns only (operation.projected is flipped by the
# projector after the fact, not by a request).
FINGERPRINT = """
SELECT concat_ws(' ',
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, name FROM hall) t),
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, revoked_at FROM station_token) t),
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, revoked_at FROM api_token) t),
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, acked_through_seq, last_contact, last_client_time FROM device_cursor) t),
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, seq FROM operation) t),
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, status FROM quarantine) t),
  (SELECT count(*) || '/' || coalesce(max(id), 0) FROM bucket_change),
  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT hall_id, id, payload, cancelled_at FROM booking) t),
  (SELECT count(*) FROM withdrawn_operation),
  (SELECT count(*) FROM central_audit))
"""

ENABLED = bool(os.environ.get("PGDATABASE"))
_before = {"value": None}


_psql = {"process": None}


def fingerprint():
    # One psql kept open for the whole run: a new one per request cost more than the request.
    p = _psql["process"]
    if p is None or p.poll() is not None:
        p = subprocess.Popen(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, bufsize=1)
        _psql["process"] = p
    p.stdin.write(FINGERPRINT.strip() + ";\n")
    p.stdin.flush()
    line = p.stdout.readline()
    if not line:
        raise RuntimeError("psql ended: cannot read the centre's database (check PG* variables)")
    return line.strip()


@schemathesis.hook
def before_call(context, case, kwargs):
    if ENABLED:
        _before["value"] = fingerprint()


@schemathesis.check
def refused_request_stores_nothing(ctx, response, case):
    if not ENABLED or response.status_code < 400 or _before["value"] is None:
        return None
    after = fingerprint()
    if after != _before["value"]:
        raise AssertionError(f"refused with {response.status_code}, yet the centre's stored records changed")
    return None
