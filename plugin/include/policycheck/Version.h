//===--- Version.h - policycheck's version ----------------------*- C++ -*-===//
#ifndef POLICYCHECK_VERSION_H
#define POLICYCHECK_VERSION_H

namespace policycheck {
constexpr const char *Version = "0.1.0";
} // namespace policycheck

#endif
