#include "ui/frame_texture.hpp"

#include <glad/gl.h>

#include <opencv2/imgproc.hpp>

namespace livedetect::ui {

FrameTexture::~FrameTexture() {
    if (m_texture) glDeleteTextures(1, &m_texture);
}

bool FrameTexture::show(std::shared_ptr<const Frame> frame) {
    // Identity, not content: while m_frame holds the old Frame alive, a different object
    // cannot have the same address.
    if (frame == m_frame) return false;
    m_frame = std::move(frame);
    if (!m_frame || m_frame->image.empty()) {
        m_size = {0, 0};
        return false;
    }
    cv::Mat image = m_frame->image;
    if (image.type() == CV_8UC1) cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);
    else if (image.type() == CV_8UC4) cv::cvtColor(image, image, cv::COLOR_BGRA2BGR);
    CV_Assert(image.type() == CV_8UC3);

    if (!m_texture) {
        glGenTextures(1, &m_texture);
        glBindTexture(GL_TEXTURE_2D, m_texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, static_cast<GLint>(image.step / image.elemSize()));
    const cv::Size size = image.size();
    if (size != m_size)
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, size.width, size.height, 0, GL_BGR, GL_UNSIGNED_BYTE, image.data);
    else
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, size.width, size.height, GL_BGR, GL_UNSIGNED_BYTE, image.data);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    m_size = size;
    ++m_uploads;
    return true;
}

}  // namespace livedetect::ui
