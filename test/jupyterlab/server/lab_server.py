"""The JupyterLab server of tsnwb's end-to-end tests.

jupyterlab_server's LabServerApp serving the esbuild-built application in test/jupyterlab/build,
on Debian's jupyter_server 1.23, plus the two endpoints JupyterLab 4's front end asks for that
jupyter_server 1.23 does not have: GET /api/me (who is logged in) and the /api/events/subscribe
WebSocket (the server's event bus; this server emits no events, so it only accepts and stays open).

Run with Debian's Python: /usr/bin/python3 lab_server.py --build-dir DIR --root-dir DIR
--user-settings-dir DIR --workspaces-dir DIR --port N --token T [--labextensions-path DIR ...]
(prebuilt extensions are looked for only in the --labextensions-path dirs given, none by default)
"""
import argparse
import json
import os
import sys

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web, websocket


class IdentityHandler(JupyterHandler):
    """GET /api/me: JupyterLab 4's user manager reads the identity and permissions here."""

    @web.authenticated
    def get(self):
        self.set_header("Content-Type", "application/json")
        self.finish(
            json.dumps(
                {
                    "identity": {
                        "username": "tsnwb-e2e",
                        "name": "tsnwb e2e",
                        "display_name": "tsnwb e2e",
                        "initials": "TE",
                        "avatar_url": None,
                        "color": None,
                    },
                    "permissions": {},
                }
            )
        )


class EventsSubscribeHandler(WebSocketMixin, websocket.WebSocketHandler, JupyterHandler):
    """/api/events/subscribe: accepted after authentication; no events are ever sent."""

    def set_default_headers(self):
        # JupyterHandler's default headers do not apply to a WebSocket upgrade.
        pass

    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


class TsnwbLabApp(LabServerApp):
    name = "lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_version = "4.6.4"
    default_url = "/lab"

    def initialize_handlers(self):
        self.handlers.extend(
            [(r"/api/me", IdentityHandler), (r"/api/events/subscribe", EventsSubscribeHandler)]
        )
        super().initialize_handlers()


def _jupyter_server_extension_points():
    # jupyter_server finds the extension app of the module it was launched from here.
    return [{"module": __name__, "app": TsnwbLabApp}]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--root-dir", required=True)
    parser.add_argument("--user-settings-dir", required=True)
    parser.add_argument("--workspaces-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--labextensions-path", action="append", default=[])
    args = parser.parse_args()

    build = os.path.abspath(args.build_dir)
    with open(os.path.join(build, "build-stamp.json"), encoding="utf-8") as f:
        TsnwbLabApp.app_version = json.load(f)["jupyterlabVersion"]

    argv = [
        f"--ServerApp.port={args.port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.open_browser=False",
        f"--ServerApp.token={args.token}",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={os.path.abspath(args.root_dir)}",
        "--ServerApp.allow_root=True",
        "--ServerApp.terminals_enabled=False",
        f"--TsnwbLabApp.static_dir={build}/static",
        f"--TsnwbLabApp.templates_dir={build}/templates",
        f"--TsnwbLabApp.schemas_dir={build}/schemas",
        f"--TsnwbLabApp.themes_dir={build}/themes",
        f"--TsnwbLabApp.app_settings_dir={build}/app-settings",
        f"--TsnwbLabApp.user_settings_dir={os.path.abspath(args.user_settings_dir)}",
        f"--TsnwbLabApp.workspaces_dir={os.path.abspath(args.workspaces_dir)}",
        *(
            [f"--TsnwbLabApp.labextensions_path={os.path.abspath(p)}" for p in args.labextensions_path]
            or ["--TsnwbLabApp.labextensions_path=[]"]
        ),
        "--TsnwbLabApp.extra_labextensions_path=[]",
    ]
    TsnwbLabApp.launch_instance(argv=argv)


if __name__ == "__main__":
    sys.exit(main())
