--
-- PostgreSQL database dump
--

\restrict htHTa3oPNuqdKpGwbGkbyWluTvHKYRktN3jdQgslIbepGPNy4Qqt18hUJfYksTe

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

DROP DATABASE merq;
--
-- Name: merq; Type: DATABASE; Schema: -; Owner: postgres
--

CREATE DATABASE merq WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';


ALTER DATABASE merq OWNER TO postgres;

\unrestrict htHTa3oPNuqdKpGwbGkbyWluTvHKYRktN3jdQgslIbepGPNy4Qqt18hUJfYksTe
\connect merq
\restrict htHTa3oPNuqdKpGwbGkbyWluTvHKYRktN3jdQgslIbepGPNy4Qqt18hUJfYksTe

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: DATABASE merq; Type: COMMENT; Schema: -; Owner: postgres
--

COMMENT ON DATABASE merq IS 'the merq db';


--
-- Name: f(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.f() RETURNS text
    LANGUAGE plpgsql
    AS $$ begin return '\! x'; end $$;


ALTER FUNCTION public.f() OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: items; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.items (
    id integer NOT NULL,
    name text
);


ALTER TABLE public.items OWNER TO postgres;

--
-- Data for Name: items; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.items (id, name) FROM stdin;
1	n1
2	n2
3	n3
4	n4
5	n5
6	n6
7	n7
8	n8
9	n9
10	n10
11	n11
12	n12
13	n13
14	n14
15	n15
16	n16
17	n17
18	n18
19	n19
20	n20
21	n21
22	n22
23	n23
24	n24
25	n25
26	n26
27	n27
28	n28
29	n29
30	n30
31	n31
32	n32
33	n33
34	n34
35	n35
36	n36
37	n37
38	n38
39	n39
40	n40
41	n41
42	n42
43	n43
44	n44
45	n45
46	n46
47	n47
48	n48
49	n49
50	n50
1000	\\back\nslash
1001	\\.
\.


--
-- Name: items items_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict htHTa3oPNuqdKpGwbGkbyWluTvHKYRktN3jdQgslIbepGPNy4Qqt18hUJfYksTe

