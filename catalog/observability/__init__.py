"""Operating the service: Prometheus metrics (`metrics`), structured logs with request context and
secret redaction (`logging`), and the per-call instrumentation both doors use (`calls`, `http`).

See docs/operations.md for the metric names, the log format and the alerts worth having.
"""
