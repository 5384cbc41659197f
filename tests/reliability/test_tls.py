"""TLS is checked by default; --ca-bundle trusts a private CA's site, and only that."""
from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from practice_server import PracticeServer
from tests.robot_run import run_robot


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca_and_server_cert(folder: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Practice CA")).issuer_name(_name("Practice CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return ca_pem, cert_pem, key_pem


@pytest.fixture(scope="module")
def https_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    ca, cert, key = make_ca_and_server_cert(folder)
    server = PracticeServer(data_dir=folder / "data")
    server.start(host="127.0.0.1", port=0, ssl_context=(str(cert), str(key)))
    yield server, ca
    server.stop()


def test_a_private_ca_site_is_refused_without_its_bundle_and_works_with_it(https_server, tmp_path):
    server, ca = https_server
    assert server.url.startswith("https://")
    env = {"CHAMILO_URL": server.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
           "ROBOT_OUT": str(tmp_path / "out"), "ROBOT_RECORDINGS": str(tmp_path / "rec"),
           "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_STEP_TIMEOUT": "10"}
    refused = run_robot(["backup", "--course", "DEMO101"], env)
    assert refused.code == 4, refused
    assert "certificate is not trusted" in refused.stderr and "--ca-bundle" in refused.stderr
    assert server.state.count("POST", "/index.php") == 0  # the password never left

    trusted = run_robot(["backup", "--course", "DEMO101", "--ca-bundle", str(ca)], env)
    assert trusted.code == 0, trusted
    assert len(list((tmp_path / "out").glob("DEMO101_*.zip"))) == 1


def test_a_bundle_that_does_not_sign_the_site_is_refused_before_the_browser(https_server, tmp_path):
    server, _ = https_server
    other_ca, _, _ = make_ca_and_server_cert(tmp_path)
    env = {"CHAMILO_URL": server.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
           "ROBOT_LOCK_DIR": str(tmp_path / "locks")}
    result = run_robot(["backup", "--course", "DEMO101", "--ca-bundle", str(other_ca)], env)
    assert result.code == 2, result
    assert "does not verify" in result.stderr
