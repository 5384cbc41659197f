"""A real CAS server for tests: django-mama-cas 2.5 (tests/sso/casproject) served over TLS by
gunicorn on a loopback port, with a throwaway CA made here, so clients must trust it through a CA
bundle file.

    cas = start_cas_server(folder)          # about a second
    cas.url                                 # "https://127.0.0.1:<port>/cas" (no trailing slash)
    cas.ca_bundle                           # the CA's PEM: what clients trust
    cas.logins("teacher")                   # successful password logins of teacher (all users: logins())
    cas.end_sso_sessions()                  # every SSO session ends (as when the IdP's session expires)
    cas.set_password("teacher", "Zq7…")     # another password (reset() gives the name back)
    cas.hostile_login_form("http://127.0.0.2:9/steal")  # the login form posts there (reset() undoes it)
    cas.reset()                             # no SSO session, login count back to 0, passwords back
    cas.chromium_trust_args()               # Chromium flags that trust exactly this server's key
    cas.stop()

Accounts (password = name): teacher, admin, colleague (the practice Chamilo's own names, so they
map by username) and stranger (unknown to the practice Chamilo).

By hand (e.g. for ``python -m practice_server --cas-server ...``)::

    .venv/bin/python -m tests.sso.cas_server --port 8443 --folder /tmp/practice-cas
"""
from __future__ import annotations

import argparse
import base64
import collections
import datetime as dt
import hashlib
import ipaddress
import os
import secrets
import socket
import signal
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = Path(__file__).resolve().parent
USERS = ("teacher", "admin", "colleague", "stranger")


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example University"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_tls_files(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate it signs for 127.0.0.1 / localhost:
    (ca.pem, server.pem, server.key) in ``folder``."""
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Example University test CA"))
          .issuer_name(_name("Example University test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    key_pem.chmod(0o600)
    return ca_pem, cert_pem, key_pem


def _die_with_parent() -> None:
    """In the child before exec: end when the process that started it ends (Linux)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class CasServer:
    """A running django-mama-cas (see the module docstring)."""

    url: str
    ca_bundle: Path
    cert: Path
    state_dir: Path
    process: subprocess.Popen
    log_path: Path
    started_in: float = 0.0          # seconds from start_cas_server() to the first 200 of /cas/login
    _log_file: object = field(default=None, repr=False)
    _changed_passwords: set = field(default_factory=set, repr=False)

    @property
    def login_url(self) -> str:
        return self.url + "/login"

    def chromium_trust_args(self) -> list[str]:
        """``--ignore-certificate-errors-spki-list=<pin>``: Chromium accepts this server's key and
        no other untrusted one (what robot/tls.py does for a site behind a private CA)."""
        cert = x509.load_pem_x509_certificate(self.cert.read_bytes())
        spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return [f"--ignore-certificate-errors-spki-list={base64.b64encode(hashlib.sha256(spki).digest()).decode()}"]

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts only this server's CA."""
        return ssl.create_default_context(cafile=str(self.ca_bundle))

    def login_counts(self) -> collections.Counter:
        """Successful password logins (the CAS login form) per username since the last reset()."""
        path = self.state_dir / "logins.log"
        lines = path.read_text(encoding="utf-8").split() if path.exists() else []
        return collections.Counter(lines)

    def logins(self, username: str | None = None) -> int:
        """How many times ``username`` (anyone if None) logged in with a password since reset()."""
        counts = self.login_counts()
        return counts[username] if username else sum(counts.values())

    def end_sso_sessions(self) -> int:
        """End every SSO session (the IdP's session expired): the next visit to /cas/login shows
        the form again. Returns how many sessions ended."""
        with sqlite3.connect(self.state_dir / "cas.sqlite3", timeout=20) as con:
            return con.execute("DELETE FROM django_session").rowcount

    def set_password(self, username: str, password: str) -> None:
        """Give ``username`` another password (Django's MD5 hasher of the test project); reset()
        gives it back its name."""
        salt = secrets.token_hex(8)
        encoded = f"md5${salt}${hashlib.md5((salt + password).encode()).hexdigest()}"
        with sqlite3.connect(self.state_dir / "cas.sqlite3", timeout=20) as con:
            if not con.execute("UPDATE auth_user SET password = ? WHERE username = ?", (encoded, username)).rowcount:
                raise KeyError(username)
        self._changed_passwords.add(username)

    def hostile_login_form(self, action: str | None) -> None:
        """The login page's form posts to ``action`` (another host) from now on; None: to the
        server again (reset() does that too)."""
        hook = self.state_dir / "login_form_action"
        if action is None:
            hook.unlink(missing_ok=True)
        else:
            hook.write_text(action, encoding="utf-8")

    def reset(self) -> None:
        """No SSO session, no login counted, the accounts' passwords back to their names, the
        login form honest again."""
        self.end_sso_sessions()
        self.hostile_login_form(None)
        (self.state_dir / "logins.log").unlink(missing_ok=True)
        for username in sorted(self._changed_passwords):
            self.set_password(username, username)
        self._changed_passwords.clear()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log_file is not None:
            self._log_file.close()

    def __enter__(self) -> "CasServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_cas_server(folder: Path, *, port: int = 0, users: dict[str, str] | None = None,
                     timeout: float = 30.0) -> CasServer:
    """Make a CA, start gunicorn (1 worker, threads) serving mama-cas over TLS on ``port`` of
    127.0.0.1 (0: a free one), wait until /cas/login answers 200 through the CA bundle."""
    began = time.monotonic()
    folder = Path(folder)
    ca, cert, key = make_tls_files(folder / "tls")
    state = folder / "state"
    state.mkdir(parents=True, exist_ok=True)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    port = listener.getsockname()[1]
    env = dict(os.environ, CAS_TEST_STATE=str(state), DJANGO_SETTINGS_MODULE="casproject.settings",
               PYTHONDONTWRITEBYTECODE="1")
    if users is not None:
        env["CAS_TEST_USERS"] = ",".join(f"{name}:{password}" for name, password in users.items())
    log_path = folder / "gunicorn.log"
    log_file = open(log_path, "wb")
    gunicorn = [sys.executable, "-m", "gunicorn", "casproject.wsgi:application",
                "--chdir", str(HERE), "--bind", f"fd://{listener.fileno()}",
                "--certfile", str(cert), "--keyfile", str(key),
                "--worker-class", "gthread", "--workers", "1", "--threads", "8",
                "--graceful-timeout", "2", "--log-level", "warning", "--no-control-socket"]
    try:
        process = subprocess.Popen(gunicorn, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                   pass_fds=(listener.fileno(),), preexec_fn=_die_with_parent)
    finally:
        listener.close()
    server = CasServer(url=f"https://127.0.0.1:{port}/cas", ca_bundle=ca, cert=cert, state_dir=state, process=process,
                       log_path=log_path, _log_file=log_file)
    context = server.ssl_context()
    deadline = began + timeout
    while True:
        if process.poll() is not None:
            log_file.flush()
            raise RuntimeError(f"the CAS server exited ({process.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.login_url, context=context, timeout=5) as resp:
                if resp.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"the CAS server did not answer in {timeout:.0f} s:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.05)
    server.started_in = time.monotonic() - began
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sso.cas_server",
                                     description="A test CAS server (django-mama-cas over TLS, throwaway CA).")
    parser.add_argument("--port", type=int, default=8443, help="port on 127.0.0.1 (0 = any; default %(default)s)")
    parser.add_argument("--folder", help="where the CA, the database and the log go (default: a new temporary folder)")
    args = parser.parse_args(argv)
    import tempfile
    folder = Path(args.folder) if args.folder else Path(tempfile.mkdtemp(prefix="practice-cas-"))
    server = start_cas_server(folder, port=args.port)
    print(f"CAS server (django-mama-cas) at {server.url}/  (started in {server.started_in:.1f} s)")
    print(f"CA bundle: {server.ca_bundle}")
    print("Accounts (password = name): " + ", ".join(USERS))
    print(f"Practice Chamilo as its client: .venv/bin/python -m practice_server --cas-server {server.url} "
          f"--cas-force-redirect --cas-ca-bundle {server.ca_bundle}")
    print("Ctrl-C to stop.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
