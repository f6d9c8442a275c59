using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.Tests;

/// <summary>Reading what a normalized statement filters, sorts and sets: pure, by table.</summary>
public sealed class QueryShapeTests
{
    [Theory]
    [InlineData("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND is_read = $2", "notifications", "user_id,is_read", "", "", "")]
    [InlineData("select * from public.api_keys k where k.user_id = $1::uuid and k.is_active", "api_keys", "user_id", "", "is_active = true", "")]
    [InlineData("SELECT * FROM work_experiences WHERE user_id = $1 ORDER BY start_date DESC LIMIT $2", "work_experiences", "user_id", "", "", "start_date DESC")]
    [InlineData("SELECT * FROM user_sessions WHERE refresh_token = p_refresh_token_hash AND is_active = $1 LIMIT $2 FOR UPDATE", "user_sessions", "refresh_token,is_active", "", "", "")]
    [InlineData("SELECT id FROM events WHERE created_at BETWEEN $1 AND $2 AND kind IN ($3, $4) AND deleted_at IS NULL", "events", "kind", "created_at", "deleted_at IS NULL", "")]
    [InlineData("SELECT * FROM orders WHERE NOT archived AND total > $1 ORDER BY id", "orders", "", "total", "archived = false", "id")]
    [InlineData("DELETE FROM sessions WHERE $1 = user_id", "sessions", "user_id", "", "", "")]
    [InlineData("SELECT * FROM t WHERE (a = $1) AND (b = 'x')", "t", "a", "", "b = 'x'", "")]
    public void A_one_table_statement_gives_its_filter_and_order(string sql, string table, string equality, string range, string literals, string order)
    {
        var shape = QueryShape.Parse(sql);

        Assert.NotNull(shape);
        Assert.Equal(table, shape.Table);
        Assert.Equal(equality, string.Join(",", shape.Equality));
        Assert.Equal(range, string.Join(",", shape.Range));
        Assert.Equal(literals, string.Join(",", shape.Literals.Select(l => l.Condition)));
        Assert.Equal(order, string.Join(",", shape.OrderBy.Select(o => o.Column + (o.Descending ? " DESC" : ""))));
    }

    [Theory]
    [InlineData("UPDATE notifications SET is_read = $1, read_at = now() WHERE user_id = $2 AND is_read = $3", "is_read,read_at", "user_id,is_read")]
    [InlineData("update tasks t set status = $1 where t.id = $2 returning id", "status", "id")]
    [InlineData("UPDATE user_sessions SET access_token_hash = p_new, refresh_token = p_refresh, last_used_at = now() WHERE id = s.id", "access_token_hash,refresh_token,last_used_at", "")]
    public void An_update_gives_the_columns_it_sets(string sql, string set, string equality)
    {
        var shape = QueryShape.Parse(sql);

        Assert.NotNull(shape);
        Assert.Equal("update", shape.Verb);
        Assert.Equal(set, string.Join(",", shape.SetColumns));
        Assert.Equal(equality, string.Join(",", shape.Equality));
    }

    [Theory]
    [InlineData("SELECT * FROM a JOIN b ON a.id = b.a_id WHERE a.x = $1")]
    [InlineData("SELECT * FROM a, b WHERE a.id = b.id")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x")]
    [InlineData("SELECT now()")]
    [InlineData("BEGIN")]
    [InlineData("SELECT * FROM generate_series($1, $2)")]
    public void Statements_over_several_tables_or_none_give_no_shape(string sql) => Assert.Null(QueryShape.Parse(sql));

    [Fact]
    public void An_OR_at_the_top_of_the_where_gives_the_table_but_no_filter()
    {
        var shape = QueryShape.Parse("SELECT * FROM t WHERE a = $1 OR b = $2");

        Assert.NotNull(shape);
        Assert.Empty(shape.Equality);
    }
}
