"""Attacks through a notebook's outputs, played end to end (issue 7, items 1-4).

The user keeps notebooks in this browser and opens a notebook link someone
sent.  One page of its own (one Pyodide boot) for the module: it first
autosaves a "secret" notebook, then opens each hostile notebook through a
#code/ link.  A local HTTP server on 127.0.0.1 stands in for the attacker's
host: its page reports whether it got ``window.opener`` on the Rivulet tab and,
if so, navigates that tab to the attacker.

1. Chart specs: vega-tooltip's ``<img src>`` quote injection on hover, the
   spec's ``usermeta.embedOptions`` (actions/View Source, tooltip id taking
   over the header), chart ``href`` links, plotly ``config`` and popup links.
2. Content-Security-Policy on the served pages and on documents the site
   creates (blob:, about:blank popups); charts draw under it.
3. ``mo.download`` of HTML/SVG: the blob: link opened in a tab must not render.
4. Top-layer overlays (popover, dialog + commandfor, interestfor) and
   ``position: var(--p)`` must stay inside the output's box.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Error as PlaywrightError, expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

SECRET = notebook_text("secret_value = 'SECRET-77'", "secret_value")
STEAL = "window.__stolen=JSON.stringify(localStorage)"

# Records every Content-Security-Policy violation the page reports.
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


# --------------------------------------------------------------- the attacker's host

ATTACKER_PAGE = """<!doctype html><html><body><h1>attacker</h1><script>
  const hasOpener = window.opener !== null;
  fetch('/report?opener=' + hasOpener).catch(() => {});
  if (hasOpener) { try { window.opener.location = location.origin + '/pwned'; } catch (e) {} }
</script></body></html>"""


class _Attacker(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(self.path)
        body = (ATTACKER_PAGE if self.path.startswith("/evil") else "<h1>pwned</h1>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def attacker() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------- the victim's page


@pytest.fixture(scope="module")
def rv(browser: Browser, site_url: str) -> Iterator[Rivulet]:
    context = new_context(browser)
    context.add_init_script(CSP_PROBE)
    page = context.new_page()
    rv = Rivulet(page, site_url).goto("#code/" + encode_code(SECRET))
    rv.wait_until_ready()
    expect(rv.output(1)).to_contain_text("SECRET-77", timeout=BOOT_TIMEOUT)
    rv.run_cell(0, "secret_value = 'SECRET-78'")  # an edit: autosaved
    expect(rv.output(1)).to_contain_text("SECRET-78")
    wait_for_js(
        page, "(JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? '').includes('SECRET-78')"
    )
    yield rv
    context.close()


def _open(rv: Rivulet, *cells: str) -> None:
    rv.page.evaluate("delete window.__stolen")
    _Attacker.hits.clear()
    rv.open_replacing(notebook_text(*cells))  # (the earlier test's notebook may have a chart of its own)
    expect(rv.cells).to_have_count(len(cells))


def _assert_nothing_ran(rv: Rivulet) -> None:
    rv.page.wait_for_timeout(400)  # let error/load events fire
    assert rv.page.evaluate("typeof window.__stolen") == "undefined"
    saved = (rv.autosaved_text() or "") + rv.page.evaluate("localStorage.getItem('rivulet:autosave:previous') ?? ''")
    assert "SECRET-78" in saved


def _assert_still_on_site(rv: Rivulet, site_url: str) -> None:
    rv.page.wait_for_timeout(500)
    assert rv.page.url.startswith(site_url), rv.page.url
    expect(rv.header).to_be_visible()
    expect(rv.page.locator("#rv-header #rv-download")).to_be_visible()


def _html(html: str) -> str:
    return f"import marimo as mo\nmo.Html({html!r})"


def _vega_cell(spec: dict) -> str:
    return _html(f'<rv-vega data-spec="{_attr(json.dumps(spec))}"></rv-vega>')


def _plotly_cell(figure: dict) -> str:
    return _html(f'<rv-plotly data-figure="{_attr(json.dumps(figure))}"></rv-plotly>')


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _bar_spec(values: list[dict], **encoding) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": 300,
        "height": 200,
        "data": {"values": values},
        "mark": "bar",
        "encoding": {
            "x": {"field": "x", "type": "ordinal"},
            "y": {"field": "y", "type": "quantitative"},
            **encoding,
        },
    }


def _hover_first_bar(rv: Rivulet, index: int = 0) -> None:
    bar = rv.output(index).locator("rv-vega svg .mark-rect path").first
    expect(bar).to_be_visible(timeout=20_000)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    rv.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 - 2)
    rv.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


# --------------------------------------------------------------- 1. chart specs


def test_vega_tooltip_image_url_with_a_quote_does_not_run_script(rv):
    evil = f'x:a"onerror="{STEAL}'
    spec = _bar_spec(
        [{"x": "a", "y": 3, "image": evil, "note": "<b>bold?</b>"}],
        tooltip=[{"field": "image", "type": "nominal"}, {"field": "note", "type": "nominal"}],
    )
    _open(rv, _vega_cell(spec))
    _hover_first_bar(rv)
    _assert_nothing_ran(rv)
    assert rv.page.locator("[onerror]").count() == 0
    tip = rv.output(0).get_by_role("tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("<b>bold?</b>")  # text, not markup
    assert tip.locator("img, b").count() == 0  # an unsafe image URL is never loaded


def test_vega_tooltip_shows_safe_images_inside_the_chart(rv):
    png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    spec = _bar_spec([{"x": "a", "y": 3, "image": png}], tooltip=[{"field": "image", "type": "nominal"}])
    _open(rv, _vega_cell(spec))
    _hover_first_bar(rv)
    tip = rv.output(0).get_by_role("tooltip")
    expect(tip.locator("img")).to_have_attribute("src", png)
    # the tooltip lives in the chart's box, not over the app
    assert tip.evaluate("t => !!t.closest('[data-cell-output]')")


def test_vega_usermeta_cannot_change_the_embed_options(rv, attacker):
    spec = _bar_spec([{"x": "a", "y": 3, "t": "take-over"}], tooltip=[{"field": "t", "type": "nominal"}])
    spec["usermeta"] = {
        "embedOptions": {
            "actions": True,
            "sourceHeader": f"<script>opener.{STEAL}</script>",
            "editorUrl": f"{attacker}/evil-editor",
            "tooltip": {"id": "rv-header"},
            "loader": {"target": "_self"},
        }
    }
    _open(rv, _vega_cell(spec))
    out = rv.output(0)
    expect(out.locator("rv-vega svg .mark-rect path").first).to_be_visible(timeout=20_000)
    # no actions menu: no "View Source" (script in a same-origin about:blank) nor "Open in Editor"
    assert out.locator("rv-vega .vega-actions, rv-vega details").count() == 0
    _hover_first_bar(rv)
    # the tooltip did not take over the site's header
    expect(out.get_by_role("tooltip")).to_contain_text("take-over")
    expect(rv.page.locator("#rv-header #rv-download")).to_be_visible()
    assert "take-over" not in rv.header.inner_text()
    _assert_nothing_ran(rv)
    assert not [h for h in _Attacker.hits if h.startswith("/evil")]


def test_vega_href_link_opens_without_a_handle_on_the_app(rv, attacker, site_url):
    spec = _bar_spec([{"x": "a", "y": 3, "url": f"{attacker}/evil-href"}], href={"field": "url"})
    _open(rv, _vega_cell(spec))
    bar = rv.output(0).locator("rv-vega svg .mark-rect path").first
    expect(bar).to_be_visible(timeout=20_000)
    with rv.page.context.expect_page() as popup_info:
        bar.click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.evaluate("window.opener") is None
    popup.close()
    _assert_still_on_site(rv, site_url)
    assert "/report?opener=false" in _Attacker.hits


def test_vega_chart_cannot_read_the_sites_own_api_or_files(rv):
    spec = _bar_spec([])
    spec["data"] = {"url": "/__rivulet__/file", "format": {"type": "json"}}
    _open(rv, _vega_cell(spec))
    requests: list[str] = []
    rv.page.on("request", lambda r: requests.append(r.url))
    rv.page.wait_for_timeout(1500)
    assert not [u for u in requests if "/__rivulet__/" in u]


def test_vega_chart_draws_under_the_policy_without_eval(rv):
    spec = _bar_spec(
        [{"x": "a", "y": 3}, {"x": "b", "y": 5}],
        color={"condition": {"test": "datum.y > 4 && length(datum.x) == 1", "value": "red"}, "value": "blue"},
    )
    spec["transform"] = [{"calculate": "datum.y * 2 + sqrt(4)", "as": "y2"}]
    rv.page.evaluate("window.__cspViolations = []")
    _open(rv, _vega_cell(spec))
    paths = rv.output(0).locator("rv-vega svg .mark-rect path")
    expect(paths).to_have_count(2, timeout=20_000)
    fills = paths.evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert sorted(fills) == ["blue", "red"], fills  # expressions evaluated (interpreted)
    assert rv.page.evaluate("window.__cspViolations") == []


def test_plotly_config_cannot_turn_on_cloud_links_and_text_links_get_no_opener(rv, attacker, site_url):
    figure = {
        "data": [{"type": "scatter", "x": [1, 2, 3], "y": [3, 1, 2]}],
        "layout": {
            "width": 500,
            "height": 300,
            # plotly turns a popup link into an inline onclick="window.open(...)": a window with an opener
            "title": {"text": f'<a href="{attacker}/evil-plotly" target="_blank" popup="width=400,height=300">prize</a>', "x": 0.02, "xanchor": "left"},
        },
        "config": {
            "showLink": True,
            "linkText": "evil-edit-link",
            "plotlyServerURL": attacker,
            "showSendToCloud": True,
            "showEditInChartStudio": True,
            "displaylogo": True,
            "displayModeBar": True,
        },
    }
    rv.page.evaluate("window.__cspViolations = []")
    _open(rv, _plotly_cell(figure))
    out = rv.output(0)
    expect(out.locator("rv-plotly .main-svg").first).to_be_visible(timeout=30_000)
    expect(out.locator("rv-plotly .scatterlayer .trace")).to_have_count(1)
    out.locator("rv-plotly").hover()
    assert out.get_by_text("evil-edit-link").count() == 0
    rv.page.mouse.move(0, 0)
    assert out.locator(".js-plot-link-container, [data-title*='Chart Studio'], .modebar-btn--logo").count() == 0
    link = out.locator("rv-plotly a").filter(has_text="prize")
    expect(link).to_have_count(1)
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    hit = rv.page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.outerHTML.slice(0, 300)", [x, y])
    assert "prize" in hit or "evil-plotly" in hit, hit
    with rv.page.context.expect_page() as popup_info:
        rv.page.mouse.click(x, y)
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.evaluate("window.opener") is None
    popup.close()
    _assert_still_on_site(rv, site_url)
    assert "/report?opener=true" not in _Attacker.hits
    assert not [v for v in rv.page.evaluate("window.__cspViolations") if "eval" in v]


def test_links_in_html_outputs_that_open_a_window_get_no_opener(rv, attacker, site_url):
    html = (
        f'<a id="plain" href="{attacker}/evil-a" target="_blank" rel="opener">new window</a>'
        f'<svg width="200" height="40"><a id="svg-link" href="{attacker}/evil-svg" target="_blank">'
        '<text x="5" y="20">svg link</text></a></svg>'
    )
    _open(rv, _html(html))
    for selector in ("#plain", "#svg-link text"):
        _Attacker.hits.clear()
        with rv.page.context.expect_page() as popup_info:
            rv.output(0).locator(selector).click()
        popup = popup_info.value
        popup.wait_for_load_state()
        assert popup.evaluate("window.opener") is None, selector
        popup.close()
        _assert_still_on_site(rv, site_url)
        assert "/report?opener=true" not in _Attacker.hits


# --------------------------------------------------------------- 2. Content-Security-Policy

def _policy_of(url: str) -> dict[str, list[str]]:
    text = urllib.request.urlopen(url, timeout=10).read().decode()
    match = re.search(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"', text, re.I)
    assert match, f"no CSP meta in {url}"
    directives = {}
    for part in match.group(1).split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["", "index.html", "gallery/", "gallery/index.html"])
def test_served_pages_carry_a_strict_policy(site_url, path):
    policy = _policy_of(site_url + path)
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts is not None
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert not [s for s in scripts if s in ("*", "data:", "blob:", "http:", "https:")]
    assert policy.get("base-uri") == ["'none'"]
    assert policy.get("form-action") == ["'none'"]
    assert "*" not in policy.get("object-src", ["*"])


def test_injected_script_does_not_run_even_past_the_sanitizer(rv):
    """Simulates a sanitizer bypass: markup injected into an output as-is."""
    rv.page.evaluate("window.__cspViolations = []")
    _open(rv, _html("<p id='inject-here'>target</p>"))
    expect(rv.output(0).locator("#inject-here")).to_be_visible()
    rv.page.evaluate(
        f"""() => {{
          const out = document.querySelector('[data-cell-output]');
          out.insertAdjacentHTML('beforeend', '<img src=x onerror="{STEAL}"><svg onload="{STEAL}"></svg>');
          const s = document.createElement('script');
          s.textContent = "{STEAL}";
          out.append(s);
          const d = document.createElement('script');
          d.src = 'data:text/javascript,{STEAL}';
          out.append(d);
        }}"""
    )
    _assert_nothing_ran(rv)
    violations = " ".join(rv.page.evaluate("window.__cspViolations"))
    assert "script-src" in violations  # blocked by the policy, not by luck


def test_documents_the_site_creates_inherit_the_policy(rv):
    """blob: documents and about:blank popups (vega's "View Source" route) run no inline script."""
    _open(rv, _html("<p>x</p>"))
    with rv.page.context.expect_page() as popup_info:
        rv.page.evaluate(
            f"""() => {{
              const html = '<h1>blob</h1><scr' + 'ipt>opener.{STEAL}; window.__ran = 1</scr' + 'ipt>';
              window.open(URL.createObjectURL(new Blob([html], {{type: 'text/html'}})));
            }}"""
        )
    blob_page = popup_info.value
    blob_page.wait_for_load_state()
    assert blob_page.evaluate("typeof window.__ran") == "undefined"
    blob_page.close()
    with rv.page.context.expect_page() as popup_info:
        rv.page.evaluate(
            f"""() => {{
              const w = window.open('');
              w.document.write('<scr' + 'ipt>opener.{STEAL}; window.__ran = 1</scr' + 'ipt><p>source</p>');
              w.document.close();
            }}"""
        )
    blank = popup_info.value
    assert blank.evaluate("typeof window.__ran") == "undefined"
    blank.close()
    _assert_nothing_ran(rv)


# --------------------------------------------------------------- 3. mo.download of active types

DOWNLOADS = {
    "report.html": ("text/html", f"<h1 id='rendered'>hi</h1><script>{STEAL}; window.__ran = 1</script>"),
    "pic.svg": (
        "image/svg+xml",
        f"<svg xmlns='http://www.w3.org/2000/svg'><script>{STEAL}; window.__ran = 1</script><text id='rendered'>s</text></svg>",
    ),
    "feed.xml": (
        "application/xml",
        "<x:html xmlns:x='http://www.w3.org/1999/xhtml'><x:script>window.__ran = 1</x:script><x:p id='rendered'>p</x:p></x:html>",
    ),
}


def test_downloads_of_active_types_never_render_on_the_sites_origin(rv):
    cells = [
        f"mo.download({body!r}, filename={name!r}, mimetype={kind!r}, label={name!r})"
        for name, (kind, body) in DOWNLOADS.items()
    ]
    _open(rv, "import marimo as mo", *cells)
    for index, name in enumerate(DOWNLOADS, start=1):
        link = rv.output(index).locator("rv-download a[download]")
        expect(link).to_have_attribute("href", re.compile(r"^blob:"))
        href = link.get_attribute("href")
        assert rv.page.evaluate("h => fetch(h).then(r => r.headers.get('content-type'))", href) == "application/octet-stream"
        # the attack: the user opens the link in a new tab
        tab = rv.page.context.new_page()
        try:
            tab.goto(href)
        except PlaywrightError as err:  # the browser downloads it instead: what we want
            assert "Download is starting" in str(err), err
        tab.wait_for_timeout(300)
        assert tab.evaluate("typeof window.__ran") == "undefined", name
        assert tab.evaluate("document.getElementById('rendered')") is None, name
        tab.close()
        # and a plain click still downloads the file under its name
        with rv.page.expect_download() as info:
            link.click()
        assert info.value.suggested_filename == name
    _assert_nothing_ran(rv)


# --------------------------------------------------------------- 4. top-layer overlays and escaping styles

OPEN_IN_TOP_LAYER = "document.querySelectorAll(':popover-open, dialog[open], :modal').length"
COVER = "width:100vw;height:100vh;inset:0;margin:0;z-index:2147483647;background:red"


def _assert_output_stays_in_its_box(rv: Rivulet, index: int = 0) -> None:
    assert rv.page.evaluate(OPEN_IN_TOP_LAYER) == 0
    # nothing covers the header: the element under its centre belongs to it
    assert rv.page.evaluate(
        """() => {
          window.scrollTo(0, 0);
          const h = document.getElementById('rv-header').getBoundingClientRect();
          const at = document.elementFromPoint(h.left + h.width / 2, h.top + h.height / 2);
          return !!at && !!at.closest('#rv-header');
        }"""
    )
    # every visible element of the output starts inside the output's box (in
    # the box's own coordinates: a tall output scrolls inside its height limit)
    escaped = rv.output(index).evaluate(
        """out => {
          const box = out.getBoundingClientRect();
          return [...out.querySelectorAll('*')].filter((el) => {
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height) return false;
            const top = r.top - box.top + out.scrollTop, left = r.left - box.left + out.scrollLeft;
            return top < -1 || left < -1 || top > Math.max(out.scrollHeight, box.height) + 1;
          }).map((el) => el.id || el.tagName);
        }"""
    )
    assert escaped == []


def test_popover_and_its_invokers_stay_closed(rv):
    html = (
        f'<div popover id="fake-header" style="{COVER}">Session expired: sign in again</div>'
        '<button id="show" popovertarget="fake-header">show popover</button>'
        '<button id="show-action" popovertarget="fake-header" popovertargetaction="show">show action</button>'
        '<button id="interest" interestfor="fake-header">hover me</button>'
    )
    _open(rv, _html(html), "1 + 1")
    out = rv.output(0)
    for button in ("#show", "#show-action"):
        out.locator(button).click()
        rv.page.wait_for_timeout(200)
        _assert_output_stays_in_its_box(rv)
    out.locator("#interest").hover()
    rv.page.wait_for_timeout(1200)  # interest invokers wait before showing
    _assert_output_stays_in_its_box(rv)
    _assert_nothing_ran(rv)


def test_dialog_opened_by_an_invoker_command_stays_closed(rv):
    html = (
        f'<dialog id="fake-login" style="{COVER}"><p>Session expired</p><input id="pw" aria-label="password"></dialog>'
        '<button id="open-modal" commandfor="fake-login" command="show-modal">open</button>'
        '<button id="open-popover" commandfor="fake-login" command="show-popover">open2</button>'
    )
    _open(rv, _html(html), "1 + 1")
    for button in ("#open-modal", "#open-popover"):
        rv.output(0).locator(button).click()
        rv.page.wait_for_timeout(200)
        _assert_output_stays_in_its_box(rv)
    expect(rv.output(1)).to_have_text("2")


def test_position_through_var_or_all_does_not_escape_the_box(rv):
    html = (
        '<div style="height:20px">spacer</div>'
        f'<div id="var-cover" style="--p: fixed; position: var(--p); top:0; left:0; {COVER}">var cover</div>'
        f'<div style="--q: sticky"><div id="var-sticky" style="position: var(--q); top:0; {COVER}">sticky</div></div>'
        f'<div id="all-cover" style="--x: initial; all: var(--x); position: fixed; top:0; {COVER}">all cover</div>'
    )
    _open(rv, _html(html), "1 + 1")
    out = rv.output(0)
    expect(out.locator("#var-cover")).to_have_count(1)
    rv.page.evaluate("window.scrollTo(0, 0)")
    for el in ("#var-cover", "#var-sticky", "#all-cover"):
        expect(out.locator(el)).not_to_have_css("position", re.compile("fixed|sticky"))
    _assert_output_stays_in_its_box(rv)
    expect(rv.output(1)).to_have_text("2")
