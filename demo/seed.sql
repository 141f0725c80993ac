-- Demo data: enough rows for the verify sample query and for a backup worth restoring.
create table if not exists users (
    id serial primary key,
    email text not null unique,
    created_at timestamptz not null default now()
);
insert into users (email)
select 'user' || g || '@merq.example' from generate_series(1, 1000) g
on conflict (email) do nothing;
