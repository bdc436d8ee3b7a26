#include "ui/core/icons.hpp"

#include <cmath>

namespace guichet::ui {

namespace {

ImVec2 at(ImVec2 c, float s, float x, float y) { return ImVec2(c.x + x * s, c.y + y * s); }  // x,y in [-0.5, 0.5]

void document(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddRectFilled(at(c, s, -0.32f, -0.45f), at(c, s, 0.32f, 0.45f), fg, s * 0.06f);
    dl->AddRectFilled(at(c, s, -0.25f, -0.38f), at(c, s, 0.25f, 0.38f), bg, s * 0.03f);
    for (int i = 0; i < 4; ++i) {
        float y = -0.22f + i * 0.15f;
        dl->AddRectFilled(at(c, s, -0.17f, y), at(c, s, 0.17f, y + 0.05f), fg);
    }
}

// Birth certificate: a pram (the hood in the accent colour), not the generic document.
void birth(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32 alt, ImU32) {
    ImVec2 body = at(c, s, -0.04f, -0.02f);
    dl->PathLineTo(body);
    dl->PathArcTo(body, s * 0.36f, 0.0f, 3.1416f, 32);  // the lower half: the basket
    dl->PathFillConvex(fg);
    dl->PathLineTo(body);
    dl->PathArcTo(body, s * 0.36f, 3.1416f, 4.7124f, 24);  // the upper left quarter: the hood
    dl->PathFillConvex(alt);
    dl->AddLine(at(c, s, 0.32f, -0.02f), at(c, s, 0.46f, -0.32f), fg, s * 0.07f);  // the handle
    dl->AddCircleFilled(at(c, s, -0.24f, 0.41f), s * 0.08f, fg, 16);
    dl->AddCircleFilled(at(c, s, 0.16f, 0.41f), s * 0.08f, fg, 16);
}

// Death certificate: a lit candle, a sober sign of remembrance without religion.
void death(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32 alt, ImU32) {
    dl->AddRectFilled(at(c, s, -0.13f, -0.08f), at(c, s, 0.13f, 0.38f), fg, s * 0.02f);
    dl->AddRectFilled(at(c, s, -0.28f, 0.36f), at(c, s, 0.28f, 0.45f), fg, s * 0.03f);
    dl->AddLine(at(c, s, 0, -0.08f), at(c, s, 0, -0.16f), fg, s * 0.03f);  // the wick
    dl->AddCircleFilled(at(c, s, 0, -0.24f), s * 0.085f, alt, 20);
    dl->AddTriangleFilled(at(c, s, -0.083f, -0.26f), at(c, s, 0.083f, -0.26f), at(c, s, 0, -0.46f), alt);
}

void rings(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32 alt, ImU32) {
    dl->AddCircle(at(c, s, -0.13f, 0), s * 0.24f, fg, 48, s * 0.07f);
    dl->AddCircle(at(c, s, 0.13f, 0), s * 0.24f, alt, 48, s * 0.07f);
}

void calendar(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddRectFilled(at(c, s, -0.42f, -0.38f), at(c, s, 0.42f, 0.42f), fg, s * 0.06f);
    dl->AddRectFilled(at(c, s, -0.36f, -0.2f), at(c, s, 0.36f, 0.36f), bg, s * 0.02f);
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 4; ++col)
            dl->AddCircleFilled(at(c, s, -0.25f + col * 0.167f, -0.08f + row * 0.15f), s * 0.04f, fg, 12);
}

void euro(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddCircleFilled(c, s * 0.45f, fg, 48);
    dl->PathArcTo(at(c, s, 0.05f, 0), s * 0.22f, 0.8f, 5.48f, 32);
    dl->PathStroke(bg, 0, s * 0.07f);
    dl->AddLine(at(c, s, -0.27f, -0.06f), at(c, s, 0.05f, -0.06f), bg, s * 0.05f);
    dl->AddLine(at(c, s, -0.27f, 0.07f), at(c, s, 0.02f, 0.07f), bg, s * 0.05f);
}

void alert(ImDrawList* dl, ImVec2 c, float s, ImU32, ImU32 alt, ImU32 bg) {
    dl->AddTriangleFilled(at(c, s, 0, -0.45f), at(c, s, 0.48f, 0.4f), at(c, s, -0.48f, 0.4f), alt);
    dl->AddRectFilled(at(c, s, -0.04f, -0.18f), at(c, s, 0.04f, 0.15f), bg, s * 0.02f);
    dl->AddRectFilled(at(c, s, -0.04f, 0.22f), at(c, s, 0.04f, 0.3f), bg);
}

void ballot(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddRectFilled(at(c, s, -0.42f, -0.05f), at(c, s, 0.42f, 0.42f), fg, s * 0.04f);
    dl->AddRectFilled(at(c, s, -0.2f, -0.42f), at(c, s, 0.2f, 0.05f), fg);
    dl->AddRectFilled(at(c, s, -0.14f, -0.36f), at(c, s, 0.14f, 0.02f), bg);
    dl->AddRectFilled(at(c, s, -0.25f, -0.02f), at(c, s, 0.25f, 0.03f), bg);
}

void house(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddTriangleFilled(at(c, s, 0, -0.45f), at(c, s, 0.48f, -0.02f), at(c, s, -0.48f, -0.02f), fg);
    dl->AddRectFilled(at(c, s, -0.36f, -0.04f), at(c, s, 0.36f, 0.42f), fg);
    dl->AddRectFilled(at(c, s, -0.26f, 0.04f), at(c, s, 0.26f, 0.34f), bg);
    dl->AddRectFilled(at(c, s, -0.07f, 0.14f), at(c, s, 0.07f, 0.42f), fg);
}

void bubble(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    dl->AddRectFilled(at(c, s, -0.45f, -0.36f), at(c, s, 0.45f, 0.22f), fg, s * 0.14f);
    dl->AddTriangleFilled(at(c, s, -0.28f, 0.2f), at(c, s, -0.04f, 0.2f), at(c, s, -0.3f, 0.42f), fg);
}

void search(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    dl->AddCircle(at(c, s, -0.08f, -0.08f), s * 0.27f, fg, 48, s * 0.08f);
    dl->AddLine(at(c, s, 0.12f, 0.12f), at(c, s, 0.4f, 0.4f), fg, s * 0.12f);
}

void info(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddCircleFilled(c, s * 0.45f, fg, 48);
    dl->AddCircleFilled(at(c, s, 0, -0.22f), s * 0.06f, bg, 16);
    dl->AddRectFilled(at(c, s, -0.05f, -0.08f), at(c, s, 0.05f, 0.27f), bg, s * 0.02f);
}

void globe(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.06f;
    dl->AddCircle(c, s * 0.42f, fg, 48, t);
    dl->AddLine(at(c, s, -0.42f, 0), at(c, s, 0.42f, 0), fg, t);
    dl->AddLine(at(c, s, 0, -0.42f), at(c, s, 0, 0.42f), fg, t);
    dl->PathArcTo(at(c, s, 0.35f, 0), s * 0.55f, 2.45f, 3.83f, 24);
    dl->PathStroke(fg, 0, t);
    dl->PathArcTo(at(c, s, -0.35f, 0), s * 0.55f, -0.69f, 0.69f, 24);
    dl->PathStroke(fg, 0, t);
}

void access(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddCircleFilled(c, s * 0.47f, fg, 48);
    dl->AddCircleFilled(at(c, s, 0, -0.26f), s * 0.075f, bg, 16);
    float t = s * 0.07f;
    dl->AddLine(at(c, s, -0.28f, -0.1f), at(c, s, 0.28f, -0.1f), bg, t);
    dl->AddLine(at(c, s, 0, -0.12f), at(c, s, 0, 0.08f), bg, t);
    dl->AddLine(at(c, s, 0, 0.06f), at(c, s, -0.15f, 0.32f), bg, t);
    dl->AddLine(at(c, s, 0, 0.06f), at(c, s, 0.15f, 0.32f), bg, t);
}

void arrowBack(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.12f;
    dl->AddLine(at(c, s, -0.3f, 0), at(c, s, 0.35f, 0), fg, t);
    dl->AddLine(at(c, s, -0.34f, 0.02f), at(c, s, -0.04f, -0.3f), fg, t);
    dl->AddLine(at(c, s, -0.34f, -0.02f), at(c, s, -0.04f, 0.3f), fg, t);
}

void question(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddCircleFilled(c, s * 0.45f, fg, 48);
    dl->PathArcTo(at(c, s, 0, -0.1f), s * 0.15f, 3.4f, 7.0f, 24);
    dl->PathLineTo(at(c, s, 0, 0.12f));
    dl->PathStroke(bg, 0, s * 0.08f);
    dl->AddCircleFilled(at(c, s, 0, 0.26f), s * 0.055f, bg, 12);
}

void homeIcon(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32 alt, ImU32 bg) { house(dl, c, s, fg, alt, bg); }

void mairie(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    // The town hall: a pediment over columns, the usual French municipal pictogram.
    dl->AddCircleFilled(c, s * 0.5f, bg, 48);
    dl->AddTriangleFilled(at(c, s, 0, -0.34f), at(c, s, 0.32f, -0.12f), at(c, s, -0.32f, -0.12f), fg);
    for (int i = 0; i < 4; ++i) {
        float x = -0.24f + i * 0.16f;
        dl->AddRectFilled(at(c, s, x - 0.035f, -0.08f), at(c, s, x + 0.035f, 0.2f), fg);
    }
    dl->AddRectFilled(at(c, s, -0.32f, 0.22f), at(c, s, 0.32f, 0.3f), fg);
}

void check(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.12f;
    dl->AddLine(at(c, s, -0.32f, 0.02f), at(c, s, -0.08f, 0.26f), fg, t);
    dl->AddLine(at(c, s, -0.1f, 0.26f), at(c, s, 0.34f, -0.24f), fg, t);
}

void textSize(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.08f;
    dl->AddLine(at(c, s, -0.42f, 0.38f), at(c, s, -0.2f, -0.1f), fg, t);
    dl->AddLine(at(c, s, -0.2f, -0.1f), at(c, s, 0.02f, 0.38f), fg, t);
    dl->AddLine(at(c, s, 0.0f, 0.38f), at(c, s, 0.22f, -0.4f), fg, t * 1.3f);
    dl->AddLine(at(c, s, 0.22f, -0.4f), at(c, s, 0.44f, 0.38f), fg, t * 1.3f);
}

void contrast(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddCircleFilled(c, s * 0.44f, fg, 48);
    dl->PathArcTo(c, s * 0.36f, -1.5708f, 1.5708f, 32);
    dl->PathFillConvex(bg);
}

void reach(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.08f;
    dl->AddRect(at(c, s, -0.26f, -0.45f), at(c, s, 0.26f, 0.45f), fg, s * 0.05f, 0, t);
    dl->AddRectFilled(at(c, s, -0.18f, 0.05f), at(c, s, 0.18f, 0.36f), fg);
    dl->AddLine(at(c, s, 0, -0.35f), at(c, s, 0, -0.05f), fg, t);
    dl->AddTriangleFilled(at(c, s, -0.1f, -0.1f), at(c, s, 0.1f, -0.1f), at(c, s, 0, 0.0f), fg);
}

void font(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.09f;
    dl->AddCircle(at(c, s, -0.05f, 0.12f), s * 0.22f, fg, 32, t);
    dl->AddLine(at(c, s, 0.17f, -0.12f), at(c, s, 0.17f, 0.36f), fg, t);
    dl->AddLine(at(c, s, -0.3f, -0.3f), at(c, s, 0.1f, -0.3f), fg, t);
}

void speaker(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    dl->AddRectFilled(at(c, s, -0.42f, -0.14f), at(c, s, -0.2f, 0.14f), fg);
    dl->AddTriangleFilled(at(c, s, -0.22f, -0.14f), at(c, s, 0.05f, -0.4f), at(c, s, 0.05f, 0.4f), fg);
    dl->AddTriangleFilled(at(c, s, -0.22f, -0.14f), at(c, s, 0.05f, 0.4f), at(c, s, -0.22f, 0.14f), fg);
    dl->PathArcTo(at(c, s, 0.05f, 0), s * 0.3f, -0.8f, 0.8f, 16);
    dl->PathStroke(fg, 0, s * 0.06f);
}

void clock(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.08f;
    dl->AddCircle(c, s * 0.42f, fg, 48, t);
    dl->AddLine(c, at(c, s, 0, -0.28f), fg, t);
    dl->AddLine(c, at(c, s, 0.2f, 0.08f), fg, t);
}

void cross(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32) {
    float t = s * 0.12f;
    dl->AddLine(at(c, s, -0.3f, -0.3f), at(c, s, 0.3f, 0.3f), fg, t);
    dl->AddLine(at(c, s, -0.3f, 0.3f), at(c, s, 0.3f, -0.3f), fg, t);
}

void backspace(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, ImU32, ImU32 bg) {
    dl->AddTriangleFilled(at(c, s, -0.45f, 0), at(c, s, -0.2f, -0.3f), at(c, s, -0.2f, 0.3f), fg);
    dl->AddRectFilled(at(c, s, -0.21f, -0.3f), at(c, s, 0.45f, 0.3f), fg, s * 0.04f);
    float t = s * 0.07f;
    dl->AddLine(at(c, s, -0.02f, -0.14f), at(c, s, 0.26f, 0.14f), bg, t);
    dl->AddLine(at(c, s, -0.02f, 0.14f), at(c, s, 0.26f, -0.14f), bg, t);
}

using IconFn = void (*)(ImDrawList*, ImVec2, float, ImU32, ImU32, ImU32);
struct IconEntry {
    std::string_view name;
    IconFn fn;
};
constexpr IconEntry kIcons[] = {
    {"document", document}, {"rings", rings},       {"calendar", calendar}, {"euro", euro},
    {"alert", alert},       {"ballot", ballot},     {"house", house},       {"bubble", bubble},
    {"search", search},     {"info", info},         {"globe", globe},       {"access", access},
    {"back", arrowBack},    {"help", question},     {"home", homeIcon},     {"mairie", mairie},
    {"check", check},       {"text-size", textSize}, {"contrast", contrast}, {"reach", reach},
    {"font", font},         {"speaker", speaker},   {"clock", clock},       {"cross", cross},
    {"backspace", backspace}, {"birth", birth},     {"death", death},
};

}  // namespace

void drawIcon(ImDrawList* dl, std::string_view name, ImVec2 c, float s, ImU32 fg, ImU32 alt, ImU32 bg) {
    for (const auto& e : kIcons) {
        if (e.name == name) {
            e.fn(dl, c, s, fg, alt, bg);
            return;
        }
    }
    dl->AddRect(at(c, s, -0.4f, -0.4f), at(c, s, 0.4f, 0.4f), fg, s * 0.1f, 0, s * 0.08f);
}

std::vector<std::string_view> iconNames() {
    std::vector<std::string_view> v;
    for (const auto& e : kIcons) v.push_back(e.name);
    return v;
}

}  // namespace guichet::ui
