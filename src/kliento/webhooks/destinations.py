"""Where a webhook may go: public addresses only, so that whoever registers a URL cannot make
Kliento call into its own network (cloud metadata, databases, admin pages on localhost).

The URL is checked when it is registered and again at each delivery, after resolving its host,
and the delivery connects to the very address that was checked, so a DNS answer that changes
between the two (rebinding) cannot slip an internal address in. On-premise receivers inside
the network are allowed by name with ``KLIENTO_WEBHOOK_ALLOWED_HOSTS``.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# What a failed delivery says, stored in English and shown translated: the reason, never the
# exception's text, which can name internal hosts, addresses and paths.
REFUSED_ADDRESS = gettext_noop("the host resolves to an internal address, which webhooks may "
                               "not reach")
UNKNOWN_HOST = gettext_noop("the host name could not be resolved")
CONNECTION_REFUSED = gettext_noop("connection refused")
TIMED_OUT = gettext_noop("timed out")
TLS_FAILED = gettext_noop("the TLS certificate or handshake was not accepted")
CONNECTION_FAILED = gettext_noop("the connection failed")
BAD_REPLY = gettext_noop("the reply was not valid HTTP")
BAD_URL = gettext_noop("the URL is not a valid http or https address")

# IPv6 forms that carry an IPv4 address inside (NAT64's well-known prefix, 6to4, Teredo).
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class DestinationRefused(Exception):
    """The delivery was not attempted; ``reason`` is one of the messages above."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def allowed_internal_hosts() -> set[str]:
    return {host.strip().strip("[]").lower()
            for host in getattr(settings, "KLIENTO_WEBHOOK_ALLOWED_HOSTS", []) if host.strip()}


def address_is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified
    addresses, also when an IPv6 address wraps one of them."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    wrapped = []
    if ip.version == 6:
        if ip.ipv4_mapped:
            wrapped.append(ip.ipv4_mapped)
        if ip.sixtofour:
            wrapped.append(ip.sixtofour)
        if ip.teredo:
            wrapped.extend(ip.teredo)
        if ip in NAT64:
            wrapped.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return all(candidate.is_global and not candidate.is_multicast
               and not candidate.is_reserved for candidate in [ip, *wrapped])


def destination_addresses(host: str, port: int) -> list[str]:
    """The addresses to connect to for ``host``, every one of them checked; raises
    :class:`DestinationRefused` when the host cannot be resolved or any address is internal
    (unless the host is allowed by name)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise DestinationRefused(UNKNOWN_HOST) from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if host.lower() not in allowed_internal_hosts() and not all(
            address_is_public(address) for address in addresses):
        raise DestinationRefused(REFUSED_ADDRESS)
    return addresses


def webhook_url_validate(url: str) -> None:
    """Registration's check: http or https, and a host that does not resolve to an internal
    address. A host that cannot be resolved yet is accepted; each delivery checks again."""
    target = urlsplit(url)
    if target.scheme not in {"http", "https"} or not target.hostname:
        raise ValidationError(_("Webhooks are delivered to http or https addresses only."),
                              code="scheme")
    try:
        destination_addresses(target.hostname, target.port or 443)
    except DestinationRefused as refused:
        if refused.reason == REFUSED_ADDRESS:
            raise ValidationError(
                _("This address is inside the network: webhooks may not reach it. An "
                  "administrator can allow a named internal host with "
                  "KLIENTO_WEBHOOK_ALLOWED_HOSTS."), code="internal") from None
    except ValueError:  # a port out of range
        raise ValidationError(_("Enter a valid URL."), code="invalid") from None


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address already checked, not to whatever the host name resolves to
    now; the Host header (and the TLS server name) still say the host."""

    def __init__(self, host: str, port: int | None, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _CheckedHTTPSConnection(_CheckedHTTPConnection):
    default_port = http.client.HTTPS_PORT

    def connect(self) -> None:
        super().connect()
        self.sock = ssl.create_default_context().wrap_socket(self.sock,
                                                             server_hostname=self.host)


def checked_post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> int:
    """POST ``body`` to ``url`` and return the reply's status. Redirects are not followed (a
    3xx is the answer). Raises :class:`DestinationRefused` with a reason safe to show."""
    try:
        target = urlsplit(url)
        port = target.port
    except ValueError:
        raise DestinationRefused(BAD_URL) from None
    if target.scheme not in {"http", "https"} or not target.hostname:
        raise DestinationRefused(BAD_URL)
    connection_class = (_CheckedHTTPSConnection if target.scheme == "https"
                        else _CheckedHTTPConnection)
    path = (target.path or "/") + (f"?{target.query}" if target.query else "")
    addresses = destination_addresses(
        target.hostname, port or connection_class.default_port)
    connection, reason = None, CONNECTION_FAILED
    for address in addresses:  # the first that answers; nothing is sent before that
        candidate = connection_class(target.hostname, port, address=address, timeout=timeout)
        try:
            candidate.connect()
        except OSError as failure:
            candidate.close()
            reason = _failure_reason(failure)
            continue
        connection = candidate
        break
    if connection is None:
        raise DestinationRefused(reason)
    try:
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException) as failure:
        raise DestinationRefused(_failure_reason(failure)) from None
    finally:
        connection.close()


def _failure_reason(failure: Exception) -> str:
    if isinstance(failure, ssl.SSLError):
        return TLS_FAILED
    if isinstance(failure, ConnectionRefusedError):
        return CONNECTION_REFUSED
    if isinstance(failure, TimeoutError):
        return TIMED_OUT
    if isinstance(failure, http.client.HTTPException):
        return BAD_REPLY
    return CONNECTION_FAILED
