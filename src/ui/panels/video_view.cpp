#include "ui/panels/video_view.hpp"

#include "livedetect/core/palette.hpp"
#include "livedetect/export/annotate.hpp"

#include <glad/gl.h>
#include <imgui.h>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace livedetect::ui {

namespace {

ImU32 colorOf(int classId, int alpha = 255) {
    const Rgb c = classColor(classId);
    return IM_COL32(c.r, c.g, c.b, alpha);
}

ImVec2 im(Vec2 v) { return {v.x, v.y}; }

const LabelMap& labelsOf(const VideoContent& c) {
    static const LabelMap none;
    return c.labels ? *c.labels : none;
}

}  // namespace

void VideoView::draw(const VideoContent& content, const BoxStyle& style) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.x = std::max(size.x, 1.f);
    size.y = std::max(size.y, 1.f);

    m_texture.show(content.frame);
    m_transform.setViewport({origin.x, origin.y}, {size.x, size.y});
    m_transform.setImageSize(m_texture.size());

    // One invisible button over the whole view takes the mouse (wheel, drag, double click)
    // so the panels around it keep theirs.
    ImGui::InvisibleButton("##video", size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                               ImGuiButtonFlags_MouseButtonMiddle);
    handleInput(ImGui::IsItemHovered(), ImGui::IsItemActive());

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + size.x, origin.y + size.y);
    // No background fill: the window's clear colour is the letterbox. Every full-size layer
    // costs milliseconds per frame on a software rasterizer (Mesa llvmpipe).
    dl->PushClipRect(origin, end, true);
    m_drawn.clear();
    m_hovered.reset();
    if (m_texture.size().area() > 0) {
        // GL texture ids are small integers; ImTextureID is a pointer in this ImGui build.
        const auto texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(m_texture.glId()));
        // The video is opaque: drawn without blending, which is cheaper per pixel.
        dl->AddCallback([](const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }, nullptr);
        dl->AddImage(texture, im(m_transform.imageMin()), im(m_transform.imageMax()));
        dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
        drawBoxes(content, style);
    } else if (!content.placeholder.empty()) {
        const ImVec2 text = ImGui::CalcTextSize(content.placeholder.c_str(), nullptr, false, size.x * 0.8f);
        ImGui::SetCursorScreenPos({origin.x + (size.x - text.x) * 0.5f, origin.y + (size.y - text.y) * 0.5f});
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x * 0.8f);
        ImGui::TextDisabled("%s", content.placeholder.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!content.note.empty()) {
        const ImVec2 pad(8.f, 4.f);
        const ImVec2 text = ImGui::CalcTextSize(content.note.c_str());
        const ImVec2 a(origin.x + 8.f, origin.y + 8.f);
        dl->AddRectFilled(a, ImVec2(a.x + text.x + 2 * pad.x, a.y + text.y + 2 * pad.y), IM_COL32(0, 0, 0, 170), 4.f);
        dl->AddText(ImVec2(a.x + pad.x, a.y + pad.y), IM_COL32(255, 205, 80, 255), content.note.c_str());
    }
    dl->PopClipRect();

    if (m_hovered && *m_hovered < content.detections.size()) {
        const Detection& d = content.detections[*m_hovered];
        ImGui::BeginTooltip();
        ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(colorOf(d.classId)), ImGuiColorEditFlags_NoTooltip,
                           ImVec2(ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()));
        ImGui::SameLine();
        ImGui::Text("%s (id %d)", labelsOf(content).name(d.classId).c_str(), d.classId);
        ImGui::Text("score %.3f", static_cast<double>(d.score));
        ImGui::Text("%.0f x %.0f px at (%.0f, %.0f)", static_cast<double>(d.box.width),
                    static_cast<double>(d.box.height), static_cast<double>(d.box.x), static_cast<double>(d.box.y));
        ImGui::Text("frame %lld", static_cast<long long>(content.detectionsFrame));
        ImGui::EndTooltip();
    }
}

void VideoView::handleInput(bool hovered, bool active) {
    const ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.MouseWheel != 0.f)
        m_transform.zoomAt({io.MousePos.x, io.MousePos.y}, std::pow(1.15f, io.MouseWheel));
    if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.f) ||
                   ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.f) ||
                   ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.f)))
        m_transform.pan({io.MouseDelta.x, io.MouseDelta.y});
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) m_transform.fit();
}

void VideoView::drawBoxes(const VideoContent& content, const BoxStyle& style) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool mouseInView = ImGui::IsItemHovered();
    float hoveredArea = 0.f;
    const float t = std::max(1.f, style.thickness);
    for (std::size_t i = 0; i < content.detections.size(); ++i) {
        const Detection& d = content.detections[i];
        // Snap to whole screen pixels so outlines are sharp and land where a test expects.
        const Vec2 a = m_transform.toScreen({d.box.x, d.box.y});
        const Vec2 b = m_transform.toScreen({d.box.x + d.box.width, d.box.y + d.box.height});
        const ImVec2 p0(std::round(a.x), std::round(a.y)), p1(std::round(b.x), std::round(b.y));
        dl->AddRect(p0, p1, colorOf(d.classId), 0.f, ImDrawFlags_None, t);
        m_drawn.push_back({p0.x, p0.y, p1.x, p1.y, d.classId, d.score});
        if (mouseInView && mouse.x >= p0.x && mouse.x <= p1.x && mouse.y >= p0.y && mouse.y <= p1.y) {
            // The smallest box under the mouse wins: nested boxes stay reachable.
            const float area = (p1.x - p0.x) * (p1.y - p0.y);
            if (!m_hovered || area < hoveredArea) {
                m_hovered = i;
                hoveredArea = area;
            }
        }
    }
    if (m_hovered) {
        const DrawnBox& h = m_drawn[*m_hovered];
        dl->AddRect({h.x0 - t, h.y0 - t}, {h.x1 + t, h.y1 + t}, IM_COL32(255, 255, 255, 200), 0.f, ImDrawFlags_None, 1.f);
    }
    if (!style.showLabels) return;
    const float pad = 2.f;
    const float lineH = ImGui::GetTextLineHeight();
    for (std::size_t i = 0; i < content.detections.size(); ++i) {
        const Detection& d = content.detections[i];
        const DrawnBox& r = m_drawn[i];
        const std::string caption = detectionCaption(d, labelsOf(content));
        const ImVec2 text = ImGui::CalcTextSize(caption.c_str());
        // Above the box, or inside its top edge when it touches the top of the view.
        float y = r.y0 - lineH - 2.f * pad;
        if (y < m_transform.viewportOrigin().y) y = r.y0 + t;
        const ImVec2 bg0(r.x0, y), bg1(r.x0 + text.x + 2.f * pad, y + lineH + 2.f * pad);
        dl->AddRectFilled(bg0, bg1, colorOf(d.classId, 220));
        const Rgb c = classColor(d.classId);
        // Dark text on light colours, white on dark ones (ITU-R BT.601 luma).
        const bool light = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 140.0;
        dl->AddText({bg0.x + pad, bg0.y + pad}, light ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255),
                    caption.c_str());
    }
}

}  // namespace livedetect::ui
