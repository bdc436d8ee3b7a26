#include "ui/core/input.hpp"

#include <array>
#include <utility>

namespace guichet::ui {

namespace {
constexpr std::array<std::pair<Key, const char*>, 29> kNames = {{
    {Key::None, "none"},         {Key::Up, "up"},           {Key::Down, "down"},
    {Key::Left, "left"},         {Key::Right, "right"},     {Key::Tab, "tab"},
    {Key::ShiftTab, "shift-tab"}, {Key::Enter, "enter"},    {Key::Back, "back"},
    {Key::Help, "help"},         {Key::Digit0, "0"},        {Key::Digit1, "1"},
    {Key::Digit2, "2"},          {Key::Digit3, "3"},        {Key::Digit4, "4"},
    {Key::Digit5, "5"},          {Key::Digit6, "6"},        {Key::Digit7, "7"},
    {Key::Digit8, "8"},          {Key::Digit9, "9"},        {Key::Delete, "delete"},
    {Key::Space, "space"},       {Key::Speech, "speech"},   {Key::Repeat, "repeat"},
    {Key::VolumeUp, "volume-up"}, {Key::VolumeDown, "volume-down"}, {Key::Back, "escape"},
    {Key::Slower, "slower"},     {Key::Faster, "faster"},
}};
}  // namespace

const char* keyName(Key key) {
    for (const auto& [k, n] : kNames)
        if (k == key) return n;
    return "none";
}

Key keyFromName(std::string_view name) {
    for (const auto& [k, n] : kNames)
        if (name == n) return k;
    return Key::None;
}

}  // namespace guichet::ui
