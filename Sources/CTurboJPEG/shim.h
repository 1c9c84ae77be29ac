#ifndef ARCHSIM_CTURBOJPEG_SHIM_H
#define ARCHSIM_CTURBOJPEG_SHIM_H

#include <stdio.h>
#include <turbojpeg.h>
#include <jconfig.h>

/// libjpeg-turbo's version as "major.minor.patch", from the headers the module was built with.
static inline int archsim_libjpeg_turbo_version_number(void) {
#ifdef LIBJPEG_TURBO_VERSION_NUMBER
    return LIBJPEG_TURBO_VERSION_NUMBER;
#else
    return 0;
#endif
}

#endif
