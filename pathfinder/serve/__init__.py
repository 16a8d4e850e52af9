"""``pathfinder serve ssh``: host the app for visitors over SSH, one warm forked process per session.

The server process (asyncio + asyncssh) never imports Textual. A separate single-threaded fork server
(:mod:`pathfinder.serve.zygote`) has Textual and the app imported and forks a child per visitor onto a
PTY the server opened; see docs/hosting.md.
"""
