// OpenGL 3.3 core through glad, generated at configure time into the build tree.
#pragma once

#ifdef LOOPSCOPE_GLAD1
#include <glad/glad.h>
#else
#include <glad/gl.h>
#endif
#include <GLFW/glfw3.h>

namespace loopscope::gui {

// Loads the GL functions for the current context; false if the driver lacks OpenGL 3.3.
inline bool load_gl() {
#ifdef LOOPSCOPE_GLAD1
    return gladLoadGLLoader(reinterpret_cast<GLADloadproc>(glfwGetProcAddress)) != 0;
#else
    return gladLoadGL(glfwGetProcAddress) != 0;
#endif
}

}  // namespace loopscope::gui
