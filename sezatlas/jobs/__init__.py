"""Long work off the request: a queue of jobs on the store, run by worker threads started with the app.

`model.py` is the job as plain data, `kinds.py` says who may ask for each kind, `queue.py` holds the
store's queries (enqueue, claim, heartbeat, finish, requeue), `worker.py` the loop that runs them, and
`runners.py` which use case runs each kind. docs/architecture.md#background-jobs says why it is built so.
"""
