"""Which public front-end packages the practice Chamilo serves, at which version, and at which URL.

Real Chamilo 1.11.32 pages load these libraries from ``/web/assets/<lib>/...`` (and chosen from
``/main/inc/lib/javascript/chosen/``); every path below was seen in the requests of the captured
pages (../shared/chamilo/pages/en/*/requests.json).  The versions are the ones whose files match
the sizes the real site served (gzip body size of the captured first load, see
practice_server/README.md); CKEditor keeps the version the practice pages were built on.

Only the files a page can ask for are unpacked (``keep``): a path ending in "/" keeps a folder.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    name: str            # npm package name
    version: str
    integrity: str       # the registry's dist.integrity (sha512 of the tarball)
    folder: str          # folder under static/vendor/
    keep: tuple[str, ...] = ()   # files / folders ("x/") of the tarball's package/ to unpack; () = all


PACKAGES: list[Package] = [
    Package("jquery", "2.2.4",
            "sha512-lBHj60ezci2u1v2FqnZIraShGgEXq35qCzMv4lITyHGppTnA13rwR0MgwyNJh9TnDs3aXUvd1xjAotfraMHX/Q==",
            "jquery", ("dist/jquery.min.js",)),
    Package("bootstrap", "3.4.1",
            "sha512-yN5oZVmRCwe5aKwzRj6736nSmKDX7pLYwsXiCj/EYmo16hODaBiT4En5btW/jhBF/seV+XMx3aYwukYC3A49DA==",
            "bootstrap", ("dist/",)),
    Package("bootstrap-select", "1.13.17",
            "sha512-LbzSQumoZNYGuoYMpShKIHbJ2qUWFLI0qVHVeKqw5+nfhtMxz+Gre1+IuI3X74bTzQfalBqDKc8fS8tZMdciWg==",
            "bootstrap-select", ("dist/css/", "dist/js/bootstrap-select.min.js", "dist/js/i18n/defaults-en_US.min.js",
                                 "dist/js/i18n/defaults-fr_FR.min.js")),
    Package("ckeditor", "4.6.2",
            "J/mWo1/IbmsVUWyk/F6YrQTvQQs0iM+dCBbNWtUI5ZFrK8nKsPYfZQur13757LNkGtAIsCpyCfm8xqIO4vm5nw==",
            "ckeditor"),
    Package("font-awesome", "4.7.0",
            "sha512-U6kGnykA/6bFmg1M/oT9EkFeIYv7JlX3bozwQJWiiLz6L0w3F5vBVPxHlwyX/vtNq1ckcpRKOB9f2Qal/VtFpg==",
            "font-awesome", ("css/", "fonts/")),
    Package("components-jqueryui", "1.12.1",
            "sha512-efkkM1OzVyxMiyZRB+eu3fhweE3T2fGs2Syia8A6l38sfB0Y8MRvYENhVS3UO21Gel93nt2HZiv+zsV8/4y83w==",
            "jquery-ui", ("jquery-ui.min.js", "themes/smoothness/", "ui/i18n/datepicker-fr.js")),
    Package("jquery-ui-timepicker-addon", "1.5.5",
            "sha512-MTdLL5sa0/nb+r9ONlecR5Y97PtifNV0WyXskwls73Dq48wdA31MHonhKQD9PrfHt1jer/5/Ka04xQOqBP4JHQ==",
            "jqueryui-timepicker-addon", ("dist/jquery-ui-timepicker-addon.min.js", "dist/jquery-ui-timepicker-addon.min.css")),
    Package("jquery-ui-touch-punch", "0.2.3",
            "sha512-Q/7aAd+SjbV0SspHO7Kuk96NJIbLwJAS0lD81U1PKcU2T5ZKayXMORH+Y5qvYLuy41xqVQbWimsRKDn1v3oI2Q==",
            "jqueryui-touch-punch", ("jquery.ui.touch-punch.min.js",)),
    Package("moment", "2.30.1",
            "sha512-uEmtNhbDOrWPFS+hdjFCBfy9f2YoyzRpwcl+DqpC6taX21FzsTLQVbMV/W7PzNSX6x/bhC1zA3c2UQ5NzH6how==",
            "moment", ("min/moment-with-locales.js",)),
    Package("mediaelement", "4.2.16",
            "sha512-5GinxsRpVA36w6tAD6nTqVSiZ0LzIhqUrzD8wzOAtZPPM7NOwOBtz6Oa85VemS+3Jvoo38jM1RvNqwKYJBBxtQ==",
            "mediaelement", ("build/mediaelement-and-player.min.js", "build/mediaelementplayer.min.css",
                             "build/mejs-controls.svg", "build/mejs-controls.png")),
    Package("bootstrap-daterangepicker", "2.1.27",
            "sha512-VutNHszlzCNDoSl2IZ8AaPcu1pFZS7HMlDQdK8nxPryDFro8mKqjar+iueb1Yz/3DOYNTtS4YOAX7UrdwiD7xA==",
            "bootstrap-daterangepicker", ("daterangepicker.js", "daterangepicker.css")),
    Package("jquery.scrollbar", "0.2.11",
            "sha512-EpnIzDbbCcy4WAmnw4YK0oUOiApzK2UeccU4QCTmKKiaVGNhmroJtTzo2x1JhBcT6FebDDS90TheaHXLkZM/Xg==",
            "jquery.scrollbar", ("jquery.scrollbar.min.js", "jquery.scrollbar.css")),
    Package("flag-icon-css", "3.5.0",
            "sha512-pgJnJLrtb0tcDgU1fzGaQXmR8h++nXvILJ+r5SmOXaaL/2pocunQo2a8TAXhjQnBpRLPtZ1KCz/TYpqeNuE2ew==",
            "flag-icon-css", ("css/flag-icon.min.css", "flags/4x3/gb.svg", "flags/4x3/fr.svg")),
    Package("npm-modernizr", "2.8.3",
            "sha512-W3xg7muY2rbMKP20hCuSZk05TzapcS0pESQvUDq8lleWDK/zjaSCSTEkfZzLcfJj7QRDjQPyDZgpZkEm+rg3oA==",
            "modernizr", ("modernizr.js",)),
    Package("image-map-resizer", "1.0.0",
            "sha512-Vb84skrAl0iuAN6StgroOHIkWl1vF1fxMLpqL7kWDyoovJjre31/MViqAh7TpiH5x81OmwSOUiiLTRp1DwBUdA==",
            "image-map-resizer", ("js/imageMapResizer.min.js",)),
    Package("timeago", "1.6.7",
            "sha512-FikcjN98+ij0siKH4VO4dZ358PR3oDDq4Vdl1+sN9gWz1/+JXGr3uZbUShYH/hL7bMhcTpPbplJU5Tej4b4jbQ==",
            "jquery-timeago", ("jquery.timeago.js",)),
    Package("readmore-js", "2.1.0",
            "sha512-XiWxCLn0rdWE4AeASPiy+nqqo2PuwamYALeTmXAchxeByFWEztTEf1fJ7AJ0V/mUEerU/azfUnDqJ9RX+Elfdw==",
            "readmore-js", ("readmore.min.js",)),
    Package("select2", "4.0.13",
            "sha512-1JeB87s6oN/TDxQQYCvS5EFoQyvV6eYMZZ0AeA4tdFDYWN3BAGZ8npr17UBFddU0lgAt3H0yjX3X6/ekOj1yjw==",
            "select2", ("dist/js/select2.min.js", "dist/css/select2.min.css", "dist/js/i18n/en.js", "dist/js/i18n/fr.js")),
    Package("js-cookie", "2.2.0",
            "sha512-7YAJP/LPE/MhDjHIdfIiT665HUSumCwPN2hAmO6OJZ8V3o1mtz2HeQ8BKetEjkh+3nqGxYaq1vPMViUR8kaOXw==",
            "js-cookie", ("src/js.cookie.js",)),
    Package("linkifyjs", "2.1.9",
            "sha512-74ivurkK6WHvHFozVaGtQWV38FzBwSTGNmJolEgFp7QgR2bl6ArUWlvT4GcHKbPe1z3nWYi+VUdDZk16zDOVug==",
            "linkifyjs", ("dist/linkify.js", "dist/linkify-jquery.js")),
    Package("chosen-js", "1.8.2",
            "sha512-eC5+gRZLU20osMWuChokjL2WPeVlCWzd2YbF5ucaGkmuyD6eThxotJ9+t203sYvKx06bDUVeZ9MhGkm57Oei9g==",
            "chosen", ("chosen.jquery.min.js", "chosen.css", "chosen-sprite.png", "chosen-sprite@2x.png")),
    Package("multiselect-two-sides", "2.5.7",
            "sha512-JPCKfCusf0FpQN02IIsQAPNpXg+SPEGsejeB5RMhBvbvRHzGXm+77nsDb07DDlZUUS90EFdC2vSXonzu92enDA==",
            "multiselect-two-sides", ("dist/js/multiselect.js",)),
    Package("@fontsource/open-sans", "5.3.0",
            "sha512-V1bdMlGNyZrJwzrdusshMOw2YR0aqYDL7kOo9dkxUEKl8dFv66A9HLckOOXl572sG/7ohhDQrCrTFGSn9LZcSw==",
            "open-sans", ("files/open-sans-latin-400-normal.woff2", "files/open-sans-latin-700-normal.woff2")),
]

# /web/assets/<lib>/<rest> → static/vendor/<folder>/<rest>
URL_TO_VENDOR: dict[str, str] = {
    "jquery": "jquery", "bootstrap": "bootstrap", "bootstrap-select": "bootstrap-select", "ckeditor": "ckeditor",
    "fontawesome": "font-awesome", "jquery-ui": "jquery-ui", "jqueryui-timepicker-addon": "jqueryui-timepicker-addon",
    "jqueryui-touch-punch": "jqueryui-touch-punch", "moment": "moment", "mediaelement": "mediaelement",
    "bootstrap-daterangepicker": "bootstrap-daterangepicker", "jquery.scrollbar": "jquery.scrollbar",
    "flag-icon-css": "flag-icon-css", "modernizr": "modernizr", "image-map-resizer": "image-map-resizer",
    "jquery-timeago": "jquery-timeago", "readmore-js": "readmore-js", "select2": "select2", "js-cookie": "js-cookie",
    "linkifyjs": "linkifyjs", "multiselect-two-sides": "multiselect-two-sides",
}

# URL paths whose file sits elsewhere in the package (or outside /web/assets/)
FILE_ALIASES: dict[str, str] = {
    "/web/assets/linkifyjs/linkify.js": "linkifyjs/dist/linkify.js",
    "/web/assets/linkifyjs/linkify-jquery.js": "linkifyjs/dist/linkify-jquery.js",
    "/main/inc/lib/javascript/chosen/chosen.jquery.min.js": "chosen/chosen.jquery.min.js",
    "/main/inc/lib/javascript/chosen/chosen.css": "chosen/chosen.css",
    "/main/inc/lib/javascript/chosen/chosen-sprite.png": "chosen/chosen-sprite.png",
    "/main/inc/lib/javascript/chosen/chosen-sprite@2x.png": "chosen/chosen-sprite@2x.png",
    "/web/css/themes/chamilo/fonts/OpenSans.woff2": "open-sans/files/open-sans-latin-400-normal.woff2",
    "/web/css/themes/chamilo/fonts/OpenSans-Bold.woff2": "open-sans/files/open-sans-latin-700-normal.woff2",
}

# files a page needs: if one is missing the vendor tree is incomplete
REQUIRED: list[str] = [
    "jquery/dist/jquery.min.js",
    "bootstrap/dist/js/bootstrap.min.js",
    "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap-select/dist/js/bootstrap-select.min.js",
    "bootstrap-select/dist/css/bootstrap-select.min.css",
    "bootstrap-select/dist/js/i18n/defaults-en_US.min.js",
    "ckeditor/ckeditor.js",
    "jquery-ui/jquery-ui.min.js",
    "select2/dist/js/select2.min.js",
    "multiselect-two-sides/dist/js/multiselect.js",
] + sorted(FILE_ALIASES.values())
