"""Files a static host reads at the site's root: security and cache headers, 404 rules, sitemap index, robots.txt."""

from __future__ import annotations

import re
from typing import Iterable
from xml.sax.saxutils import escape

from relais.content import Content

# Every page's policy (in a <meta> and in _headers): nothing but the site's own files, no inline script or style.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'")

# Only an HTTP header can forbid framing (browsers ignore frame-ancestors in a <meta>).
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP + "; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)
IMMUTABLE = "public, max-age=31536000, immutable"
# name.1a2b3c4d.css, main.57a0d79d.min.css, atkinson-hyperlegible-400.1a2b3c4d.woff2: the name changes with the content.
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}(\.min)?\.[a-z0-9]+$")


def host_files(content: Content, site: Iterable[str]) -> dict[str, bytes]:
    """The host's files for a site made of the files named in ``site`` (paths relative to its root)."""
    codes = [lang.code for lang in content.languages]
    base = content.site.base_url.rstrip("/")
    texts = {"_headers": headers(site, codes), "_redirects": _redirects(codes), "sitemap.xml": _sitemap_index(content),
             "robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"}
    return {name: text.encode("utf-8") for name, text in texts.items()}


def headers(site: Iterable[str], codes: list[str]) -> str:
    """Netlify / Cloudflare Pages ``_headers``: the policy for every file, a year of cache for hashed names.
    Pages keep the host's default (revalidate), so an alert banner reaches readers at once."""
    lines = ["# Written by Relais: security headers for every file, long cache for fingerprinted assets.", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for code in codes:
        for name in sorted(n for n in site if n.startswith(f"{code}/assets/")):
            if FINGERPRINT.search(name.rpartition("/")[2]):
                lines += ["", "/" + name, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def _redirects(codes: list[str]) -> str:
    """Netlify's rules for a translated 404 page per language (Cloudflare Pages finds the nearest 404.html itself)."""
    return "".join(f"/{code}/*  /{code}/404.html  404\n" for code in codes)


def _sitemap_index(content: Content) -> str:
    base = content.site.base_url.rstrip("/")
    entries = "".join(f"  <sitemap>\n    <loc>{escape(f'{base}/{lang.code}/sitemap.xml')}</loc>\n"
                      f"    <lastmod>{content.site.source_date}</lastmod>\n  </sitemap>\n" for lang in content.languages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</sitemapindex>\n")
