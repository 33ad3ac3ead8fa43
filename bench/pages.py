"""Pages: server time and bytes of the State page and the overview, and the time headless
Chromium needs until the network layout is stable (vis-network's `stabilized` event); for the world
map, until its script has painted the day (`window.nsgraphMap.painted`)."""

import time
from dataclasses import dataclass

import httpx
from playwright.sync_api import sync_playwright

from bench.harness import measure
from tests.viz.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.viz.test_served_pages import STABLE_TIMER

PAGES = {"State page (JPN)": "/viz/state/JPN", "overview": "/viz/overview"}
MAP_PAGES = {"world map (ICSANT)": "/viz/map/ICSANT"}
MAP_PAINTED = "() => window.nsgraphMap && window.nsgraphMap.painted"
LOADS = 5


@dataclass
class PageResult:
    page: str
    server_p50_ms: float
    html_bytes: int
    total_bytes: int
    stable_ms: float


def measure_pages(base_url: str) -> list[PageResult]:
    results = []
    with httpx.Client(base_url=base_url, timeout=60) as client, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for name, path in {**PAGES, **MAP_PAGES}.items():
            is_map = path in MAP_PAGES.values()
            server = measure(lambda path=path: client.get(path).raise_for_status(), 20, 1)
            stable: list[float] = []
            total_bytes = html_bytes = 0
            for _ in range(LOADS):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                sizes: dict[str, int] = {}
                page.on("response", lambda response, sizes=sizes: sizes.__setitem__(response.url,
                                                                                     len(response.body())))
                page.add_init_script(STABLE_TIMER)
                page.goto(base_url + path)
                if is_map:
                    page.wait_for_function(MAP_PAINTED, timeout=60_000)
                    stable.append(page.evaluate("() => performance.now()"))
                else:
                    page.wait_for_function("() => window.__stabilizedAt !== undefined", timeout=60_000)
                    stable.append(page.evaluate("() => window.__stabilizedAt"))
                html_bytes = sizes.get(base_url + path, 0)
                total_bytes = sum(sizes.values())
                context.close()
                time.sleep(0.2)
            browser_median = sorted(stable)[len(stable) // 2]
            results.append(PageResult(name, server.p50_ms, html_bytes, total_bytes, browser_median))
        browser.close()
    return results
