"""Moving data between the local store and gigstack: the outbox sender and the cache refresher.

Plain Python with the API client and the clock injected; the only package that imports both
`desktop.store` and `desktop.gigstack`. It is also where server answers are written into the
local cache (`writethrough`), for the CLI and the app alike.
"""
