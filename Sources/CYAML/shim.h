#ifndef XCHANGE_CYAML_SHIM_H
#define XCHANGE_CYAML_SHIM_H
#include <yaml.h>
#endif
