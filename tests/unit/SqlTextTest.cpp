//===--- SqlTextTest.cpp - Column names of a query's select list ----------===//
#include "policycheck/SqlText.h"

#include <gtest/gtest.h>

namespace policycheck {
namespace {

TEST(SqlTextTest, AColumnIsNamedByItsAliasOrItsName) {
  const char *Sql = "SELECT u.email, display_name AS name, lower(city) AS town, "
                    "\"phone\", count(*) FROM users u WHERE id = ?1";
  EXPECT_EQ(selectedColumn(Sql, 0), "email");
  EXPECT_EQ(selectedColumn(Sql, 1), "name");
  EXPECT_EQ(selectedColumn(Sql, 2), "town");
  EXPECT_EQ(selectedColumn(Sql, 3), "phone");
  EXPECT_EQ(selectedColumn(Sql, 4), std::nullopt); // an expression, no alias
  EXPECT_EQ(selectedColumn(Sql, 5), std::nullopt); // past the list
}

TEST(SqlTextTest, OnlyASelectListNamesColumns) {
  EXPECT_EQ(selectedColumn("  select distinct ip_address from sessions", 0), "ip_address");
  EXPECT_EQ(selectedColumn("SELECT * FROM users", 0), std::nullopt);
  EXPECT_EQ(selectedColumn("UPDATE users SET email = ?1", 0), std::nullopt);
  EXPECT_EQ(selectedColumn("SELECT coalesce(a, b) AS contact, x FROM t", 1), "x");
  EXPECT_EQ(selectedColumn("SELECT 'a, b' AS label, email FROM t", 1), "email");
  EXPECT_EQ(selectedColumn("SELECT email mail FROM t", 0), "mail");
}

} // namespace
} // namespace policycheck
