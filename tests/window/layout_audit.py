"""The layout audit run on every page a window test visits (issue 14): a page fails when a
control is outside the screen, clipped by the footer (cut by the body's lower edge, or
drawn over by the footer), smaller than 9 mm on the configured panel, or when wrapping
cut a word in two ("Accessibili/té"). The facts come from the terminal's --a11y-dump.
"""

import tomllib

MIN_MM = 9.0


def mm_per_px(config_path, width, height):
    """Millimetres per pixel on the panel described by [screen] width_mm / height_mm
    (the panel's size in landscape; a portrait terminal is the same panel turned)."""
    with open(config_path, "rb") as f:
        screen = tomllib.load(f).get("screen", {})
    w_mm, h_mm = screen.get("width_mm"), screen.get("height_mm")
    if not w_mm or not h_mm:
        raise SystemExit(f"{config_path}: [screen] width_mm and height_mm are needed for the 9 mm rule")
    long_px, short_px = max(width, height), min(width, height)
    return max(w_mm, h_mm) / long_px, min(w_mm, h_mm) / short_px


def audit(d, mm):
    """Problems on this frame, one line each (empty: the page passes)."""
    problems = []
    W, H = d["width"], d["height"]
    page = d["page"]
    mm_x, mm_y = mm
    portrait = H > W
    if portrait:
        mm_x, mm_y = mm_y, mm_x
    where = f"screen '{d['screen']}' ({d['title']})"
    for n in d["nodes"]:
        if not n["focusable"]:
            continue
        x, y, w, h = n["rect"]
        name = f"'{n['label'] or n['id']}'"
        if not n["visible"]:
            continue  # scrolled out of the body: reached by dragging or the arrows
        if x < -1 or y < -1 or x + w > W + 1 or y + h > H + 1:
            problems.append(f"{where}: {name} is outside the screen at ({x:.0f},{y:.0f} {w:.0f}x{h:.0f})")
        in_body = page["valid"] and y < page["footerTop"] - 1 and not d["keyboardOpen"] and \
            d["phase"] != "warning"
        if in_body and page["scrollY"] <= 0.5 and y + h > page["bodyBottom"] + 1:
            problems.append(f"{where}: {name} is cut by the footer (bottom {y + h:.0f} > {page['bodyBottom']:.0f})")
        if in_body and y < page["bodyTop"] - 1 and page["scrollY"] <= 0.5:
            problems.append(f"{where}: {name} runs under the header")
        if w * mm_x < MIN_MM - 0.05 or h * mm_y < MIN_MM - 0.05:
            problems.append(f"{where}: {name} is {w * mm_x:.1f} x {h * mm_y:.1f} mm, smaller than {MIN_MM:.0f} mm")
    for b in d.get("brokenWords", []):
        problems.append(f"{where}: the word \"{b['word']}\" is cut across two lines at ({b['x']:.0f},{b['y']:.0f})")
    f = d.get("focused")
    if f and d.get("keypadMode"):
        for n in d["nodes"]:
            if n["id"] == f and n["focusable"]:
                if not n["visible"]:
                    problems.append(f"{where}: the keypad focus '{n['label']}' is out of sight")
                elif page["valid"] and not d["keyboardOpen"] and d["phase"] != "warning" and \
                        n["rect"][1] < page["footerTop"] - 1 and \
                        n["rect"][1] + n["rect"][3] > page["bodyBottom"] + 1:
                    problems.append(f"{where}: the keypad focus '{n['label']}' sits under the footer")
    return problems
